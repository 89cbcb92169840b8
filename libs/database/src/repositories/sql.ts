import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../queries/prepared-query.js';

/**
 * What a repository needs from the database: one statement at a time, optionally as a named
 * prepared statement (planned once per connection), and transactions. Repositories take this
 * rather than TypeORM so their SQL reads as SQL and tests can run them on any connection.
 */
export interface Sql {
  query<T>(text: string, values?: readonly unknown[], name?: string): Promise<T[]>;
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

/** TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with [rows, count]; callers want rows. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Sql over a TypeORM DataSource (or a transaction's EntityManager). */
export function sqlOf(source: DataSource | EntityManager): Sql {
  const manager = 'manager' in source ? source.manager : source;
  return {
    async query<T>(text: string, values: readonly unknown[] = [], name?: string): Promise<T[]> {
      if (name) return rowsOf<T>(await preparedQuery<T>(manager, name, text, [...values]));
      return rowsOf<T>(await manager.query(text, [...values]));
    },
    transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      return manager.transaction((tx) => work(sqlOf(tx)));
    },
  };
}
