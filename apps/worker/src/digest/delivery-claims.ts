import type { EntityManager } from 'typeorm';
import { GroupCommit, preparedQuery, READER_SNAPSHOT_COLUMNS, toReaderSnapshot, type DeliveryState, type ReaderSnapshot, type ReaderSnapshotRow } from '@app/database';

/*
 * The exactly-once guard lives in Postgres (BullMQ is at-least-once):
 *
 *   claimed ──(SMTP accepted)──────────────▶ sent
 *      │ ├──(5xx: address refused)──────────▶ suppressed
 *      │ ├──(unsubscribed / nothing new)────▶ skipped
 *      │ ├──(4xx or refused before DATA)────▶ claim released, job retried; ▶ failed when retries run out
 *      │ └──(outcome unknowable)────────────▶ unknown   (never re-sent; reported)
 *
 * The row is created, unclaimed (claimed_at NULL), when the job is enqueued.
 * A row left `claimed` by a crash is resolved by the lease: if the SMTP
 * exchange never started (smtp_started_at IS NULL) it is re-driven; if it may
 * have completed, it becomes `unknown`, because sending twice is the worse failure.
 */

export type ClaimResult =
  | { kind: 'claimed'; deliveryId: string; attempts: number }
  | { kind: 'finished'; state: DeliveryState }
  | { kind: 'in-progress' }
  | { kind: 'unknown'; deliveryId: string };

/** Take a row that exists, unclaimed since enqueue, or whose claim was released or whose lease ran out before SMTP began. */
const TAKE_CLAIM = `UPDATE deliveries SET claimed_at = now(), attempts = attempts + 1, updated_at = now()
  WHERE subscriber_id = $1 AND edition_date = $2 AND state = 'claimed' AND smtp_started_at IS NULL
    AND (claimed_at IS NULL OR claimed_at < now() - ($3 || ' milliseconds')::interval)
  RETURNING id, attempts`;

/**
 * The digest worker's first round trip: take the claim and load the reader
 * (profile, suppression, interests, history) in one statement. `reader` is
 * null when the subscriber was erased since queuing (their rows went with them).
 */
export async function claimAndLoadReader(
  manager: EntityManager,
  subscriberId: string,
  editionDate: string,
  leaseMs: number,
): Promise<{ reader: ReaderSnapshot | null; claim: ClaimResult }> {
  const rows = await preparedQuery<ReaderSnapshotRow & { claimed_id: string | null; claimed_attempts: number | null }>(
    manager,
    'paperboy-claim-and-load-reader',
    `WITH taken AS (${TAKE_CLAIM})
     SELECT (SELECT id FROM taken) AS claimed_id, (SELECT attempts FROM taken) AS claimed_attempts, ${READER_SNAPSHOT_COLUMNS}
     FROM subscribers s WHERE s.id = $1`,
    [subscriberId, editionDate, String(leaseMs)],
  );
  const row = rows[0];
  if (!row) return { reader: null, claim: { kind: 'in-progress' } };
  const reader = toReaderSnapshot(row);
  if (row.claimed_id !== null) return { reader, claim: { kind: 'claimed', deliveryId: row.claimed_id, attempts: row.claimed_attempts ?? 1 } };
  return { reader, claim: await claimWithoutTaking(manager, subscriberId, editionDate, leaseMs) };
}

/** No row could be taken: create it if there is none, else report why not (finished, in progress, or unknown after a crash). */
async function claimWithoutTaking(manager: EntityManager, subscriberId: string, editionDate: string, leaseMs: number): Promise<ClaimResult> {
  // No row yet (a job queued without one): create it, claimed.
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO deliveries (subscriber_id, edition_date, state, attempts, claimed_at)
     VALUES ($1, $2, 'claimed', 1, now())
     ON CONFLICT ON CONSTRAINT "UQ_deliveries_subscriber_edition" DO NOTHING
     RETURNING id`,
    [subscriberId, editionDate],
  );
  if (inserted.length) return { kind: 'claimed', deliveryId: inserted[0].id, attempts: 1 };

  const [row]: Array<{ id: string; state: DeliveryState; smtp_started: boolean; expired: boolean }> = await manager.query(
    `SELECT id, state, smtp_started_at IS NOT NULL AS smtp_started,
            (claimed_at IS NULL OR claimed_at < now() - ($3 || ' milliseconds')::interval) AS expired
     FROM deliveries WHERE subscriber_id = $1 AND edition_date = $2`,
    [subscriberId, editionDate, String(leaseMs)],
  );
  if (!row) throw new Error('delivery row vanished while claiming');
  if (row.state !== 'claimed') return { kind: 'finished', state: row.state };
  if (row.smtp_started && row.expired) {
    await markUnknownAfterCrash(manager, row.id);
    return { kind: 'unknown', deliveryId: row.id };
  }
  return { kind: 'in-progress' };
}

/**
 * The two writes around every SMTP exchange, group-committed across the
 * worker's concurrent digests: `smtpStarted` is committed before the exchange
 * begins (after it, a crash means "maybe sent"), `sent` after the server
 * accepted. Each promise settles when its own row is written.
 */
export class DeliveryRecorder {
  private readonly started: GroupCommit<{ id: string; paper_ids: string[]; message_id: string }>;
  private readonly sentIds: GroupCommit<string>;

  constructor(manager: EntityManager) {
    this.started = new GroupCommit(async (rows) => {
      await preparedQuery(
        manager,
        'paperboy-mark-smtp-started',
        `UPDATE deliveries d SET smtp_started_at = now(), paper_ids = v.paper_ids, message_id = v.message_id, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, paper_ids jsonb, message_id text) WHERE d.id = v.id`,
        [JSON.stringify(rows)],
      );
    });
    this.sentIds = new GroupCommit(async (ids) => {
      await preparedQuery(manager, 'paperboy-mark-sent', `UPDATE deliveries SET state = 'sent', sent_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
    });
  }

  smtpStarted(deliveryId: string, paperIds: string[], messageId: string): Promise<void> {
    return this.started.add({ id: deliveryId, paper_ids: paperIds, message_id: messageId });
  }

  sent(deliveryId: string): Promise<void> {
    return this.sentIds.add(deliveryId);
  }
}

/** The crash policy's second branch: the SMTP exchange began and its lease ran out, so the message may have gone. Never re-sent. */
export function markUnknownAfterCrash(manager: EntityManager, deliveryId: string): Promise<void> {
  return markDelivery(manager, deliveryId, 'unknown', { lastError: 'worker stopped during the SMTP exchange; the message may have been delivered' });
}

export async function markDelivery(
  manager: EntityManager,
  deliveryId: string,
  state: Exclude<DeliveryState, 'claimed'>,
  details: { lastError?: string; paperIds?: string[] } = {},
): Promise<void> {
  await manager.query(
    `UPDATE deliveries SET state = $2::text::delivery_state, last_error = COALESCE($3, last_error), paper_ids = COALESCE($4::jsonb, paper_ids),
            sent_at = CASE WHEN $2::text = 'sent' THEN now() ELSE sent_at END, updated_at = now()
     WHERE id = $1`,
    [deliveryId, state, details.lastError ?? null, details.paperIds ? JSON.stringify(details.paperIds) : null],
  );
}

/** The SMTP server refused before accepting the message: give the claim back so a retry may send. */
export async function releaseClaim(manager: EntityManager, deliveryId: string, error: string): Promise<void> {
  await manager.query(`UPDATE deliveries SET claimed_at = NULL, smtp_started_at = NULL, last_error = $2, updated_at = now() WHERE id = $1 AND state = 'claimed'`, [
    deliveryId,
    error.slice(0, 1000),
  ]);
}

/** Rows past their lease: claimed by a worker that crashed, or queued and never picked up. For the sweeper. */
export async function expiredClaims(manager: EntityManager, leaseMs: number, limit: number): Promise<Array<{ id: string; subscriberId: string; editionDate: string; smtpStarted: boolean }>> {
  const rows: Array<{ id: string; subscriber_id: string; edition_date: string; smtp_started: boolean }> = await manager.query(
    `SELECT id, subscriber_id, edition_date::text AS edition_date, smtp_started_at IS NOT NULL AS smtp_started
     FROM deliveries
     WHERE state = 'claimed' AND COALESCE(claimed_at, updated_at) < now() - ($1 || ' milliseconds')::interval
     ORDER BY COALESCE(claimed_at, updated_at) LIMIT $2`,
    [String(leaseMs), limit],
  );
  return rows.map((r) => ({ id: r.id, subscriberId: r.subscriber_id, editionDate: r.edition_date, smtpStarted: r.smtp_started }));
}
