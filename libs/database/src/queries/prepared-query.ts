import type { DataSource, EntityManager } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Per database: does every connection share one session (the embedded PGlite server)? */
const sharedSession = new WeakMap<DataSource, Promise<boolean>>();

function sessionsAreShared(manager: EntityManager): Promise<boolean> {
  let known = sharedSession.get(manager.connection);
  if (!known) {
    known = manager.query('SELECT version() AS version').then((rows: Array<{ version: string }>) => /PGlite/i.test(rows[0]?.version ?? ''));
    sharedSession.set(manager.connection, known);
  }
  return known;
}

/**
 * Runs a hot statement as a named prepared statement, so Postgres parses and
 * plans it once per connection instead of on every call (for the digest
 * worker's claim, planning cost more than executing). TypeORM's query() has no
 * way to name a statement, so this goes to the driver's pg pool; outside a
 * transaction only. The embedded PGlite serves every connection from one
 * session, where a second connection preparing the same name fails, so there
 * the statement runs unnamed.
 */
export async function preparedQuery<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  if (manager.queryRunner?.isTransactionActive) return manager.query(text, values);
  // TypeORM types the postgres driver's pool as `any`; this is the one place that reaches it.
  const pool = (manager.connection.driver as unknown as { master?: PgPool }).master;
  if (!pool || typeof pool.query !== 'function' || (await sessionsAreShared(manager))) return manager.query(text, values);
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
