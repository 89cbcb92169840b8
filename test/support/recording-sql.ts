import type { Sql } from '@app/database';

export interface RecordedStatement {
  text: string;
  values: readonly unknown[];
}

/** An Sql that runs every statement on `inner` and appends it, with its values, to `log` (transactions included). */
export function recordingSql(inner: Sql, log: RecordedStatement[]): Sql {
  return {
    query<T>(text: string, values: readonly unknown[] = [], name?: string): Promise<T[]> {
      log.push({ text, values });
      return inner.query<T>(text, values, name);
    },
    transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      return inner.transaction((tx) => work(recordingSql(tx, log)));
    },
  };
}
