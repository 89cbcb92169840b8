// NestJS 12 is ESM-only, so tests run as native ESM through @swc/jest
// (`NODE_OPTIONS=--experimental-vm-modules`); see shared notes/stack.md.
const libs = ['config', 'core', 'database', 'queue', 'mail', 'platform', 'embedded', 'ingest', 'subscribers', 'recommendations', 'matching', 'delivery', 'text-safety', 'inbound'];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', tsx: true, decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    '^@app/delivery/rules$': '<rootDir>/libs/delivery/src/rules/index.ts',
    ...Object.fromEntries(libs.map((l) => [`^@app/${l}$`, `<rootDir>/libs/${l}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts?(x)', '<rootDir>/test/**/*.e2e-spec.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  testTimeout: 30000,
};
