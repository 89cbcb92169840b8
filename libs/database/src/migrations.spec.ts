import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-services.js';
import { dataSourceOptions, MIGRATIONS, runMigrationsLocked, schemaDiff } from './index.js';

// Runs against the real throwaway Postgres that `npm test` starts.
describe('migrations against real Postgres', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  const connect = async () => {
    const source = new DataSource(dataSourceOptions({ url: database.url, poolSize: 3 }));
    await source.initialize();
    sources.push(source);
    return source;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await database.drop();
  });

  it('apply exactly once when three replicas boot at the same moment', async () => {
    const replicas = await Promise.all([connect(), connect(), connect()]);
    const applied = await Promise.all(replicas.map((r) => runMigrationsLocked(r)));
    expect(applied.flat()).toHaveLength(MIGRATIONS.length);
    const rows = await replicas[0].query('SELECT name FROM migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('leave no drift between the entities and the committed migrations', async () => {
    const diff = await schemaDiff(sources[0]);
    expect(diff.up).toEqual([]);
  });

  it('treat e-mail addresses that differ only in case as one subscriber', async () => {
    const db = sources[0];
    await db.query(`INSERT INTO subscribers (email, email_normalized) VALUES ('Ada@Example.org', 'ada@example.org')`);
    await expect(
      db.query(`INSERT INTO subscribers (email, email_normalized) VALUES ('ada@example.org', 'ada@example.org')`),
    ).rejects.toThrow(/UQ_subscribers_email_normalized/);
  });

  it('allow only one delivery per subscriber and edition date', async () => {
    const db = sources[0];
    const [{ id }] = await db.query(`SELECT id FROM subscribers LIMIT 1`);
    await db.query(`INSERT INTO deliveries (subscriber_id, edition_date) VALUES ($1, '2026-11-20')`, [id]);
    await expect(
      db.query(`INSERT INTO deliveries (subscriber_id, edition_date) VALUES ($1, '2026-11-20')`, [id]),
    ).rejects.toThrow(/PK_deliveries|deliveries_default_pkey|duplicate key/);
    await db.query(`INSERT INTO deliveries (subscriber_id, edition_date) VALUES ($1, '2026-11-21')`, [id]);
  });

  it('revert cleanly, so a bad release can be rolled back', async () => {
    const db = sources[0];
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration();
    const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
    expect(tables).toEqual([]);
    await runMigrationsLocked(db);
    expect((await schemaDiff(db)).up).toEqual([]);
  });
});
