import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsLocked } from '@app/database';
import { startPgliteServer } from '@app/embedded';
import { createTestDatabase } from './test-services.js';

export interface MigratedDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the pool and drops the database (or stops the embedded server). */
  close(): Promise<void>;
}

async function migrated(url: string, poolSize: number, drop: () => Promise<void>): Promise<MigratedDatabase> {
  const dataSource = await new DataSource(dataSourceOptions({ url, poolSize })).initialize();
  await runMigrationsLocked(dataSource);
  return {
    url,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await drop();
    },
  };
}

/** A fresh database on the throwaway server with every migration applied, and a TypeORM pool on it. */
export async function createMigratedDatabase(poolSize = 4): Promise<MigratedDatabase> {
  const database = await createTestDatabase();
  return migrated(database.url, poolSize, database.drop);
}

/** The same on the embedded PGlite that `npm start` uses (one session shared by every connection). */
export async function createMigratedPglite(poolSize = 2): Promise<MigratedDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-pglite-'));
  const server = await startPgliteServer(path.join(dir, 'db'));
  return migrated(server.url, poolSize, async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Both databases Paperboy runs on, for `describe.each`. */
export const DATABASES: Array<[string, () => Promise<MigratedDatabase>]> = [
  ['Postgres', () => createMigratedDatabase()],
  ['embedded PGlite', () => createMigratedPglite()],
];
