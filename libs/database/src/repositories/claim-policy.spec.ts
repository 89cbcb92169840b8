import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { DELIVERY_STATES, resolveClaim, resolveStaleClaim, type ClaimCandidate, type DeliveryState } from '@app/delivery/rules';
import { createMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { DeliveryRepository } from './delivery.repository.js';
import { sqlOf } from './sql.js';

/*
 * The crash policy in SQL (claimBatch, and the sweeper's stale + relabel) against the pure rule
 * (resolveClaim, resolveStaleClaim), on real Postgres, for every combination of state, claim age
 * (none, in the future, and on both sides of the lease to the millisecond), SMTP started or not, and
 * batch label (the claimant's, another, none). Each case runs in a transaction, so now() is one
 * instant for the rows, the statement and the rule, and lease boundaries are exact.
 */
const EDITION = '2026-11-29';
const LEASE_MS = 60_000;
const OWN = 'b-own';
const AGES: Array<number | null> = [null, -5_000, 0, LEASE_MS - 1, LEASE_MS, LEASE_MS + 1, 86_400_000];
const LABELS: Array<string | null> = [OWN, 'b-other', null];

interface Case {
  state: DeliveryState;
  ageMs: number | null;
  smtpStarted: boolean;
  batchId: string | null;
}

const CASES: Case[] = DELIVERY_STATES.flatMap((state) =>
  AGES.flatMap((ageMs) => [false, true].flatMap((smtpStarted) => LABELS.map((batchId) => ({ state, ageMs, smtpStarted, batchId })))),
);

interface Row {
  subscriber_id: string;
  n: number;
  state: DeliveryState;
  claim_token: string | null;
  claimed_at: Date | null;
  smtp_started: boolean;
  batch_id: string | null;
  attempts: number;
}

describe('the crash policy in SQL agrees with the pure rule (real Postgres)', () => {
  let db: MigratedDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    await new DeliveryRepository(sqlOf(db.dataSource)).ensurePartition(EDITION);
    await db.dataSource.query(
      `INSERT INTO subscribers (email, email_normalized, status) SELECT 'c' || n || '@example.org', 'c' || n || '@example.org', 'active' FROM generate_series(1, $1) n`,
      [CASES.length],
    );
  });

  afterAll(async () => {
    await db?.close();
  });

  /** Runs `work` on the cases' rows inside a transaction that is rolled back; returns what it returns. */
  async function withCases<T>(work: (tx: QueryRunner, now: Date, before: Row[]) => Promise<T>): Promise<T> {
    const tx = db.dataSource.createQueryRunner();
    await tx.connect();
    await tx.startTransaction();
    try {
      await tx.query(
        `INSERT INTO deliveries (subscriber_id, edition_date, state, batch_id, claim_token, claimed_at, smtp_started_at, updated_at)
         SELECT s.id, $1, c.state::delivery_state, c.batch_id, CASE WHEN c.age_ms IS NULL THEN NULL ELSE gen_random_uuid() END,
                now() - make_interval(secs => c.age_ms / 1000.0), CASE WHEN c.started THEN now() - interval '1 second' END, now() - interval '1 day'
         FROM unnest($2::text[], $3::double precision[], $4::boolean[], $5::text[]) WITH ORDINALITY AS c(state, age_ms, started, batch_id, n)
         JOIN subscribers s ON s.email_normalized = 'c' || c.n || '@example.org'`,
        [EDITION, CASES.map((c) => c.state), CASES.map((c) => c.ageMs), CASES.map((c) => c.smtpStarted), CASES.map((c) => c.batchId)],
      );
      const [{ now }] = (await tx.query('SELECT now() AS now')) as Array<{ now: Date }>;
      return await work(tx, now, await rows(tx));
    } finally {
      await tx.rollbackTransaction();
      await tx.release();
    }
  }

  async function rows(tx: QueryRunner): Promise<Row[]> {
    return tx.query(
      `SELECT d.subscriber_id, substring(s.email from 2 for position('@' in s.email) - 2)::int AS n, d.state, d.claim_token, d.claimed_at,
              d.smtp_started_at IS NOT NULL AS smtp_started, d.batch_id, d.attempts
       FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.edition_date = $1 ORDER BY n`,
      [EDITION],
    );
  }

  const candidate = (row: Row): ClaimCandidate => ({ state: row.state, claimedAt: row.claimed_at, smtpStarted: row.smtp_started, batchId: row.batch_id });
  const describeCase = (row: Row) => ({ ...CASES[row.n - 1] });

  it('has a case for every combination', () => {
    expect(CASES).toHaveLength(7 * 7 * 2 * 3);
  });

  it('claimBatch takes, marks unknown and leaves exactly the rows resolveClaim says', async () => {
    const disagreements = await withCases(async (tx, now, before) => {
      const token = '00000000-0000-4000-8000-00000000c1a1';
      const result = await new DeliveryRepository(sqlOf(tx.manager)).claimBatch(EDITION, OWN, token, LEASE_MS);
      const after = new Map((await rows(tx)).map((r) => [r.subscriber_id, r]));
      const taken = new Set(result.claimed.map((c) => c.subscriberId));
      const unknown = new Set(result.unknown);
      return before.flatMap((row) => {
        const rule = resolveClaim(candidate(row), { batchId: OWN, now, leaseMs: LEASE_MS });
        const now_ = after.get(row.subscriber_id)!;
        const sql =
          taken.has(row.subscriber_id) && now_.state === 'claimed' && now_.claim_token === token && now_.attempts === row.attempts + 1
            ? 'take'
            : unknown.has(row.subscriber_id) && now_.state === 'unknown'
              ? 'unknown'
              : !taken.has(row.subscriber_id) && !unknown.has(row.subscriber_id) && now_.state === row.state && now_.claim_token === row.claim_token
                ? 'left'
                : 'inconsistent';
        const expected = rule === 'take' || rule === 'unknown' ? rule : 'left';
        return sql === expected ? [] : [{ case: describeCase(row), rule, sql }];
      });
    });
    expect(disagreements).toEqual([]);
  });

  it('the sweeper (stale, then relabel) turns unknown and re-drives exactly the rows resolveStaleClaim says', async () => {
    const disagreements = await withCases(async (tx, now, before) => {
      const repository = new DeliveryRepository(sqlOf(tx.manager));
      const stale = await repository.stale(EDITION, LEASE_MS, 60_000);
      const moved = await repository.relabel(EDITION, 'b-redrive', { abandoned: stale.abandoned, leaseMs: LEASE_MS });
      const after = new Map((await rows(tx)).map((r) => [r.subscriber_id, r]));
      const unknown = new Set(stale.unknown);
      const abandoned = new Set(stale.abandoned);
      const waiting = before.filter((r) => resolveStaleClaim(candidate(r), now, LEASE_MS) === 'waiting');
      const queuedRows = stale.queuedBatches.reduce((sum, b) => sum + b.rows, 0);
      const found = before.flatMap((row) => {
        const rule = resolveStaleClaim(candidate(row), now, LEASE_MS);
        const now_ = after.get(row.subscriber_id)!;
        const sql =
          unknown.has(row.subscriber_id) && now_.state === 'unknown'
            ? 'unknown'
            : abandoned.has(row.subscriber_id) && now_.state === 'queued' && now_.batch_id === 'b-redrive' && now_.claim_token === null
              ? 'abandoned'
              : !unknown.has(row.subscriber_id) && !abandoned.has(row.subscriber_id) && now_.state === row.state && now_.batch_id === row.batch_id
                ? 'left'
                : 'inconsistent';
        const expected = rule === 'unknown' || rule === 'abandoned' ? rule : 'left';
        return sql === expected ? [] : [{ case: describeCase(row), rule, sql }];
      });
      // Every queued row (all untouched for a day here) is reported under its batch label, for the sweeper to check its job.
      return { found, moved: moved === abandoned.size, queued: queuedRows === waiting.length };
    });
    expect(disagreements).toEqual({ found: [], moved: true, queued: true });
  });
});
