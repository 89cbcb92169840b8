import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsLocked } from '@app/database';
import { createTestDatabase, type TestDatabase } from './test-services.js';

export interface MigratedDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/** A fresh database on the throwaway server with every migration applied, and a TypeORM pool on it. */
export async function createMigratedDatabase(poolSize = 4): Promise<MigratedDatabase> {
  const database = await createTestDatabase();
  const dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolSize })).initialize();
  await runMigrationsLocked(dataSource);
  return {
    database,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
