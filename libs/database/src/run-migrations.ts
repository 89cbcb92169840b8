import { MigrationExecutor, type DataSource } from 'typeorm';

/** Arbitrary constant shared by every Paperboy process: the migration mutex. */
export const MIGRATION_LOCK_KEY = 0x5041_5045; // "PAPE"

/**
 * Runs pending migrations while holding a Postgres advisory lock, so several
 * replicas booting at once migrate exactly once and the others wait.
 * Returns the names of the migrations this call applied.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // Lock and migrations share one connection, so the lock is held for exactly this work.
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}
