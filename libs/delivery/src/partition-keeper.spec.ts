import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DeliveryRepository, sqlOf, type Sql } from '@app/database';
import { DATABASES, type MigratedDatabase } from '../../../test/support/migrated-database.js';
import { recordingSql, type RecordedStatement } from '../../../test/support/recording-sql.js';
import { PartitionKeeper } from './partition-keeper.js';

/** An Sql whose first statement matching `pattern` fails, as if the process had stopped there. */
function failingOnce(inner: Sql, pattern: RegExp): Sql {
  let failed = false;
  const wrap = (sql: Sql): Sql => ({
    query<T>(text: string, values?: readonly unknown[], name?: string): Promise<T[]> {
      if (!failed && pattern.test(text)) {
        failed = true;
        return Promise.reject(new Error('worker stopped'));
      }
      return sql.query<T>(text, values, name);
    },
    transaction: (work) => sql.transaction((tx) => work(wrap(tx))),
  });
  return wrap(inner);
}

/** Daily partitions of deliveries, kept by the worker: created ahead, dropped by detach + drop, filled from the default partition. */
describe.each(DATABASES)('delivery partitions (%s)', (_name, start) => {
  let db: MigratedDatabase;
  let readers: string[];

  const partitions = async (): Promise<string[]> =>
    (await db.dataSource.query(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliveries'::regclass ORDER BY 1`)).map(
      (r: { name: string }) => r.name,
    );
  const tableExists = async (name: string) => (await db.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [name]))[0].ok as boolean;
  /** Where each delivery row of a day lives, and its state. */
  const rowsOf = async (day: string): Promise<Array<{ home: string; state: string }>> =>
    db.dataSource.query(`SELECT tableoid::regclass::text AS home, state FROM deliveries WHERE edition_date = $1 ORDER BY subscriber_id`, [day]);
  const insertDeliveries = (day: string, state = 'sent') =>
    db.dataSource.query(`INSERT INTO deliveries (subscriber_id, edition_date, state) SELECT unnest($1::uuid[]), $2, $3::delivery_state`, [readers, day, state]);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await start();
    readers = (
      await db.dataSource.query(
        `INSERT INTO subscribers (email, email_normalized, status) SELECT 'k' || n || '@example.org', 'k' || n || '@example.org', 'active' FROM generate_series(1, 3) n RETURNING id`,
      )
    ).map((r: { id: string }) => r.id);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('creates the partitions ahead across a year end, and drops old ones by detach then drop, never a DELETE', async () => {
    const setup = new DeliveryRepository(sqlOf(db.dataSource));
    for (const day of ['2026-11-20', '2026-12-16', '2026-12-17']) await setup.ensurePartition(day);
    await insertDeliveries('2026-12-16');
    await insertDeliveries('2026-12-17');
    const log: RecordedStatement[] = [];
    const keeper = new PartitionKeeper(new DeliveryRepository(recordingSql(sqlOf(db.dataSource), log)), 14);

    expect(await keeper.maintain(new Date('2026-12-31T12:00:00Z'))).toEqual({ dropped: ['2026-11-20', '2026-12-16'] });

    expect(await partitions()).toEqual([
      'deliveries_default',
      'deliveries_p20261217',
      ...['20261230', '20261231', '20270101', '20270102', '20270103', '20270104', '20270105', '20270106', '20270107'].map((d) => `deliveries_p${d}`),
    ]);
    for (const gone of ['deliveries_p20261120', 'deliveries_p20261216']) expect(await tableExists(gone)).toBe(false);
    expect(await rowsOf('2026-12-16')).toEqual([]);
    expect(await rowsOf('2026-12-17')).toEqual(readers.map(() => ({ home: 'deliveries_p20261217', state: 'sent' })));
    const writes = log.map((s) => s.text).filter((t) => /^\s*(ALTER|DROP|DELETE)/i.test(t) || /\bDELETE\b/i.test(t));
    expect(writes).toEqual([
      'ALTER TABLE deliveries DETACH PARTITION "deliveries_p20261120"',
      'DROP TABLE "deliveries_p20261120"',
      'ALTER TABLE deliveries DETACH PARTITION "deliveries_p20261216"',
      'DROP TABLE "deliveries_p20261216"',
    ]);

    // The next hourly run changes nothing; the next day's adds a day ahead and drops a day behind.
    const before = await partitions();
    expect(await keeper.maintain(new Date('2026-12-31T13:00:00Z'))).toEqual({ dropped: [] });
    expect(await partitions()).toEqual(before);
    expect(await keeper.maintain(new Date('2027-01-01T00:30:00Z'))).toEqual({ dropped: ['2026-12-17'] });
    expect(await partitions()).toContain('deliveries_p20270108');
  });

  it('leaves no detached table behind when it stops between detach and drop', async () => {
    const day = '2026-10-01';
    await new DeliveryRepository(sqlOf(db.dataSource)).ensurePartition(day);
    await insertDeliveries(day);
    // The worker dies right after the detach: here, the DROP that follows it fails.
    const dying = new DeliveryRepository(failingOnce(sqlOf(db.dataSource), /^DROP TABLE/));
    await expect(new PartitionKeeper(dying, 14).maintain(new Date('2026-12-31T12:00:00Z'))).rejects.toThrow(/worker stopped/);
    // The next run (another worker, or this one restarted) still finds the day, and drops it.
    expect((await new PartitionKeeper(new DeliveryRepository(sqlOf(db.dataSource)), 14).maintain(new Date('2026-12-31T13:00:00Z'))).dropped).toContain(day);
    expect(await tableExists('deliveries_p20261001')).toBe(false);
  });

  it('keeps working from the first day a date can have (1990-01-01)', async () => {
    const keeper = new PartitionKeeper(new DeliveryRepository(sqlOf(db.dataSource)), 2);
    await keeper.maintain(new Date('1990-01-01T00:00:00Z'));
    expect(await partitions()).toEqual(expect.arrayContaining(['deliveries_p19891231', 'deliveries_p19900101', 'deliveries_p19900108']));
  });

  it('moves rows written before their partition existed out of the default partition and into it', async () => {
    const day = '2027-02-10';
    await insertDeliveries(day, 'queued');
    expect(await rowsOf(day)).toEqual(readers.map(() => ({ home: 'deliveries_default', state: 'queued' })));

    await new DeliveryRepository(sqlOf(db.dataSource)).ensurePartition(day);

    expect(await rowsOf(day)).toEqual(readers.map(() => ({ home: 'deliveries_p20270210', state: 'queued' })));
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM deliveries_default WHERE edition_date = $1`, [day]))[0].n).toBe(0);
    // The new partition is a full one: its key and the index of unfinished rows came with it.
    await expect(insertDeliveries(day, 'queued')).rejects.toThrow(/duplicate key/);
    const indexes = (await db.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'deliveries_p20270210'`)).map((r: { indexdef: string }) => r.indexdef);
    expect(indexes).toEqual(expect.arrayContaining([expect.stringMatching(/UNIQUE.*\(subscriber_id, edition_date\)/), expect.stringMatching(/\(state, batch_id\) WHERE/)]));
  });

  it('lets several connections ensure the same partitions at once without an error', async () => {
    const days = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04'];
    // Two of the days have rows waiting in the default partition: the concurrent calls must move them once.
    await insertDeliveries(days[0], 'queued');
    await insertDeliveries(days[2], 'queued');
    // A repository each: none knows the partitions exist, so every call reaches Postgres.
    const callers = Array.from({ length: 6 }, () => new DeliveryRepository(sqlOf(db.dataSource)));
    const results = await Promise.allSettled(callers.flatMap((repository) => days.map((day) => repository.ensurePartition(day))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await partitions()).toEqual(expect.arrayContaining(days.map((d) => `deliveries_p${d.replace(/-/g, '')}`)));
    expect(await rowsOf(days[0])).toEqual(readers.map(() => ({ home: 'deliveries_p20270301', state: 'queued' })));
    expect(await rowsOf(days[2])).toEqual(readers.map(() => ({ home: 'deliveries_p20270303', state: 'queued' })));
  });
});
