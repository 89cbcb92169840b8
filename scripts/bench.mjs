// `npm run bench`: build if needed, then run the benchmarks (--expose-gc for clean memory figures;
// NODE_ENV=production so React uses its production build, as a deployed worker does).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, ensureDependencies, root } from './lib/prepare.mjs';

ensureDependencies();
ensureBuilt();
const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', path.join(root, 'dist/apps/bench/src/main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
process.exit(result.status ?? 1);
