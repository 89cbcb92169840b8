import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-services.js';
import { dataSourceOptions } from '../data-source-options.js';
import { runMigrationsLocked } from '../run-migrations.js';
import { DeliveryRepository, READER_HISTORY_EDITIONS } from './delivery.repository.js';
import { historyBefore, ReaderSnapshots } from './reader-snapshots.js';
import { sqlOf } from './sql.js';

// Real Postgres: what sending editions writes to a reader's history, and what the next edition reads from it.
describe('reader history', () => {
  let database: TestDatabase;
  let db: DataSource;
  let deliveries: DeliveryRepository;
  let reader: string;
  const token = '00000000-0000-4000-8000-000000000001';

  /** Sends (or loses) one edition of `papers` to the reader through the repository, as a batch would. */
  async function edition(date: string, papers: string[], outcome: 'sent' | 'unknown'): Promise<void> {
    await deliveries.queue(date, [{ subscriberId: reader, batchId: `b${date}` }]);
    await deliveries.claimBatch(date, `b${date}`, token, 60_000);
    const { cleared } = await deliveries.markSmtpStarted(date, [{ subscriberId: reader, claimToken: token, paperIds: papers, messageId: `m${date}` }]);
    expect(cleared.has(reader)).toBe(true);
    if (outcome === 'sent') await deliveries.markSent(date, [reader]);
    else await deliveries.markFinal(date, [{ subscriberId: reader, claimToken: token, state: 'unknown', lastError: 'connection lost' }]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
    await runMigrationsLocked(db);
    deliveries = new DeliveryRepository(sqlOf(db));
    [{ id: reader }] = await db.query(`INSERT INTO subscribers (email, email_normalized, status) VALUES ('h@example.org', 'h@example.org', 'active') RETURNING id`);
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('keeps the last sent edition and the papers of the newest editions, sent or possibly sent', async () => {
    await edition('2026-11-20', ['p20'], 'sent');
    await edition('2026-11-21', ['p21'], 'sent');
    await edition('2026-11-22', ['p22'], 'unknown');
    await edition('2026-11-23', ['p23'], 'sent');
    const [row] = await db.query(`SELECT last_sent_edition::text AS last, editions FROM reader_history WHERE subscriber_id = $1`, [reader]);
    expect(row.last).toBe('2026-11-23');
    expect(Object.keys(row.editions).sort()).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(Object.keys(row.editions)).toHaveLength(READER_HISTORY_EDITIONS);
    expect(row.editions['2026-11-22']).toEqual({ sent: false, papers: ['p22'] });

    const next = await new ReaderSnapshots(sqlOf(db)).loadOne(reader, '2026-11-24');
    expect(next?.history.lastSentEdition).toBe('2026-11-23');
    expect(next?.history.sentPaperIds.sort()).toEqual(['p21', 'p22', 'p23']);
  });

  it('an unknown edition never moves the last sent one; a late 250 turns it sent', async () => {
    await edition('2026-11-24', ['p24'], 'unknown');
    let [row] = await db.query(`SELECT last_sent_edition::text AS last FROM reader_history WHERE subscriber_id = $1`, [reader]);
    expect(row.last).toBe('2026-11-23');
    await deliveries.markSent('2026-11-24', [reader]);
    [row] = await db.query(`SELECT last_sent_edition::text AS last, editions FROM reader_history WHERE subscriber_id = $1`, [reader]);
    expect(row.last).toBe('2026-11-24');
    expect(row.editions['2026-11-24']).toEqual({ sent: true, papers: ['p24'] });
  });

  it('an edition re-run for an older date sees the newest sent edition before it among those kept', () => {
    const kept = { '2026-11-22': { sent: true, papers: ['a'] }, '2026-11-23': { sent: false, papers: ['b'] }, '2026-11-24': { sent: true, papers: ['c'] } };
    expect(historyBefore('2026-11-24', kept, '2026-11-25')).toEqual({ lastSentEdition: '2026-11-24', sentPaperIds: ['a', 'b', 'c'] });
    expect(historyBefore('2026-11-24', kept, '2026-11-24')).toEqual({ lastSentEdition: '2026-11-22', sentPaperIds: ['a', 'b'] });
    expect(historyBefore('2026-11-24', kept, '2026-11-20')).toEqual({ lastSentEdition: null, sentPaperIds: ['a', 'b', 'c'] });
    expect(historyBefore(null, null, '2026-11-20')).toEqual({ lastSentEdition: null, sentPaperIds: [] });
  });
});
