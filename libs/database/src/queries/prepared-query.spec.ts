import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startPgliteServer, type PgliteServerHandle } from '@app/embedded';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-services.js';
import { dataSourceOptions } from '../data-source-options.js';
import { preparedQuery } from './prepared-query.js';

const SQL = 'SELECT $1::int * 2 AS doubled, pg_backend_pid() AS pid';

// Many concurrent calls spread over every pooled connection, each of which prepares the statement.
async function doubleConcurrently(db: DataSource): Promise<number[]> {
  const rows = await Promise.all(Array.from({ length: 30 }, (_, i) => preparedQuery<{ doubled: number }>(db.manager, 'paperboy-test-double', SQL, [i])));
  return rows.map(([row]) => row.doubled);
}

describe('preparedQuery', () => {
  const expected = Array.from({ length: 30 }, (_, i) => i * 2);

  describe('on real Postgres', () => {
    let database: TestDatabase;
    let db: DataSource;
    beforeAll(async () => {
      database = await createTestDatabase();
      db = await new DataSource(dataSourceOptions({ url: database.url, poolSize: 4 })).initialize();
    });
    afterAll(async () => {
      await db.destroy();
      await database.drop();
    });

    it('answers every call, on several connections, as a named statement', async () => {
      expect(await doubleConcurrently(db)).toEqual(expected);
      // 30 calls kept all 4 connections busy, so each has the statement prepared in its own session.
      const checks = await Promise.all(
        Array.from({ length: 8 }, () =>
          preparedQuery<{ count: number }>(db.manager, 'paperboy-test-count', `SELECT count(*)::int AS count FROM pg_prepared_statements WHERE name = $1`, ['paperboy-test-double']),
        ),
      );
      expect(checks.map(([row]) => row.count)).toEqual(Array(8).fill(1));
    });
  });

  describe('on the embedded PGlite, where every connection shares one session', () => {
    let dir: string;
    let server: PgliteServerHandle;
    let db: DataSource;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'paperboy-pglite-'));
      server = await startPgliteServer(path.join(dir, 'db'));
      db = await new DataSource(dataSourceOptions({ url: server.url, poolSize: 4 })).initialize();
    }, 120_000); // PGlite takes a few seconds to open, far more on a machine busy with other suites
    afterAll(async () => {
      await db?.destroy();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('does not fail with "prepared statement already exists" when two connections run it', async () => {
      expect(await doubleConcurrently(db)).toEqual(expected);
      expect(await doubleConcurrently(db)).toEqual(expected);
    });
  });
});
