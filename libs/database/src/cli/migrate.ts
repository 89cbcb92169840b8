// Operator CLI: `npm run migration:run` (apply pending migrations under the
// advisory lock) and, for developers, `npm run migration:generate -- Name`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, envSchema } from '@app/config';
import { dataSourceOptions } from '../data-source-options.js';
import { runMigrationsLocked } from '../run-migrations.js';
import { schemaDiff } from '../schema-drift.js';

function databaseSettings() {
  const parsed = envSchema.pick({ DATABASE_URL: true, DATABASE_SSL: true }).safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new ConfigError(variable, process.env[variable] ? issue.message : 'is required');
  }
  return { url: parsed.data.DATABASE_URL, ssl: parsed.data.DATABASE_SSL, poolSize: 2 };
}

function migrationSource(name: string, diff: { up: string[]; down: string[] }, timestamp: number): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}

async function main(): Promise<void> {
  const [command = 'run', name] = process.argv.slice(2);
  const dataSource = new DataSource(dataSourceOptions(databaseSettings()));
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrationsLocked(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: migration:generate -- PascalCaseName');
      await runMigrationsLocked(dataSource);
      const diff = await schemaDiff(dataSource);
      if (diff.up.length === 0) {
        console.log('No changes: entities and migrations agree.');
        return;
      }
      const timestamp = Date.now();
      const here = path.dirname(fileURLToPath(import.meta.url));
      const target = path.resolve(here, '../../../../../libs/database/src/migrations', `${timestamp}-${name}.ts`);
      writeFileSync(target, migrationSource(name, diff, timestamp));
      console.log(`Wrote ${path.relative(process.cwd(), target)}; add it to migrations/index.ts.`);
    } else {
      throw new Error(`unknown command "${command}" (use run or generate)`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error));
  process.exit(1);
});
