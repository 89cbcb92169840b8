import { addDays, DELIVERY_STATES, localDatesAt, type DeliveryState } from '@app/delivery/rules';
import type { Sql } from './sql.js';

export type DeliveryCounts = Record<DeliveryState, number>;

/** Deliveries that reached a final state. */
export const finishedDeliveries = (counts: DeliveryCounts) => counts.sent + counts.failed + counts.suppressed + counts.skipped + counts.unknown;
/** Deliveries still waiting for a batch or being sent. */
export const unfinishedDeliveries = (counts: DeliveryCounts) => counts.queued + counts.claimed;

/** Editions whose papers a reader's history keeps (see ReaderHistoryRow for why a few suffice). */
export const READER_HISTORY_EDITIONS = 3;

export interface QueuedDelivery {
  subscriberId: string;
  batchId: string;
}

export interface ClaimedBatch {
  /** Rows this run now holds, with their attempt count (this attempt included). */
  claimed: Array<{ subscriberId: string; attempts: number }>;
  /** Rows of the batch whose SMTP exchange began under a holder that is gone: now `unknown`. */
  unknown: string[];
}

export interface SmtpStart {
  subscriberId: string;
  claimToken: string;
  paperIds: string[];
  messageId: string;
}

export interface FinalOutcome {
  subscriberId: string;
  claimToken: string;
  state: Extract<DeliveryState, 'skipped' | 'suppressed' | 'failed' | 'unknown'>;
  lastError: string;
}

export interface StaleDeliveries {
  /** Queued rows per batch label, for the sweeper to check whether their job still exists. */
  queuedBatches: Array<{ batchId: string; rows: number }>;
  /** Claims past their lease whose SMTP exchange never began: safe to run again. */
  abandoned: string[];
}

/** Why a row was not cleared for SMTP by markSmtpStarted. */
export interface StartRefusal {
  subscriberId: string;
  /** `taken`: another run holds the row now (or it is final); otherwise the reader's current standing. */
  reason: 'taken' | 'not-active' | 'paused' | 'suppressed';
}

const PARTITION_NAME = /^deliveries_p(\d{4})(\d{2})(\d{2})$/;

/**
 * Every statement about deliveries. Each one names its edition date, so Postgres reads one
 * partition (tested with EXPLAIN); the exceptions are `dueReaders`, whose probe reads the two or
 * three days a local date can be, and `openEditions`, which probes every partition for one
 * unfinished row to find editions still in flight.
 * Statements that take per-row values as a JSON record set also name their rows as an array
 * (`subscriber_id = ANY(…)`): the planner guesses a record set at 100 rows and would otherwise
 * scan the whole partition instead of looking the few rows up by key.
 */
export class DeliveryRepository {
  /** Partitions known to exist, so the hot path asks Postgres once per date and process. */
  private readonly partitions = new Set<string>();

  constructor(private readonly sql: Sql) {}

  /** Creates the partition of an edition date if it is missing (idempotent, safe concurrently). */
  async ensurePartition(editionDate: string): Promise<void> {
    if (this.partitions.has(editionDate)) return;
    await this.sql.query('SELECT paperboy_ensure_delivery_partition($1::date)', [editionDate]);
    this.partitions.add(editionDate);
  }

  /** Partitions of `from` … `to` (inclusive). */
  async ensurePartitions(from: string, to: string): Promise<void> {
    for (let day = from; day <= to; day = addDays(day, 1)) await this.ensurePartition(day);
  }

  /** Edition dates that have a partition, oldest first. */
  async partitionDates(): Promise<string[]> {
    const rows = await this.sql.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliveries'::regclass`,
    );
    return rows
      .map((r) => PARTITION_NAME.exec(r.name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]}-${m[2]}-${m[3]}`)
      .sort();
  }

  /**
   * Retention: detaches, then drops, every daily partition before `cutoff` (never a bulk DELETE:
   * dropping a partition is instant and leaves no dead rows). Returns the dates dropped.
   */
  async dropPartitionsBefore(cutoff: string): Promise<string[]> {
    const dropped: string[] = [];
    for (const day of await this.partitionDates()) {
      if (day >= cutoff) break;
      const name = `deliveries_p${day.replace(/-/g, '')}`;
      // Not CONCURRENTLY: that is refused while a default partition exists. Detaching takes a brief lock.
      // One transaction: a worker stopping in between must not leave a detached table that no later
      // run lists (it is no longer a partition) and so never drops.
      await this.sql.transaction(async (tx) => {
        await tx.query(`ALTER TABLE deliveries DETACH PARTITION "${name}"`);
        await tx.query(`DROP TABLE "${name}"`);
      });
      this.partitions.delete(day);
      dropped.push(day);
    }
    return dropped;
  }

  /**
   * Active, unpaused readers whose local clock has reached their delivery hour (on their weekday,
   * for weekly ones) and who have no delivery for their local date: `isDue` of
   * @app/delivery/rules in SQL (a property test checks they agree). Keyset-paginated by id.
   * The probe for an existing delivery also names the days any local date can be at `now`
   * (`localDatesAt`), so Postgres prunes it to those two or three partitions instead of reading
   * every partition kept (the local date alone depends on each row, which nothing prunes on).
   */
  async dueReaders(now: Date, afterId: string | null, limit: number): Promise<Array<{ subscriberId: string; editionDate: string }>> {
    const { earliest, latest } = localDatesAt(now);
    const rows = await this.sql.query<{ id: string; local_date: string }>(
      `SELECT s.id, (($1::timestamptz) AT TIME ZONE s.timezone)::date::text AS local_date
       FROM subscribers s
       WHERE s.status = 'active' AND s.frequency <> 'paused'
         AND ($2::uuid IS NULL OR s.id > $2::uuid)
         AND extract(hour FROM ($1::timestamptz) AT TIME ZONE s.timezone) >= s.delivery_hour
         AND (s.frequency = 'daily' OR extract(dow FROM ($1::timestamptz) AT TIME ZONE s.timezone) = s.weekly_day)
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscriber_id = s.id AND d.edition_date = (($1::timestamptz) AT TIME ZONE s.timezone)::date
                           AND d.edition_date BETWEEN $4::date AND $5::date)
       ORDER BY s.id
       LIMIT $3`,
      [now.toISOString(), afterId, limit, earliest, latest],
    );
    return rows.map((r) => ({ subscriberId: r.id, editionDate: r.local_date }));
  }

  /** Active, unpaused readers (or just one), for an operator's run of one edition. Keyset-paginated by id. */
  async activeReaderIds(afterId: string | null, limit: number, only?: string): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT id FROM subscribers
       WHERE status = 'active' AND frequency <> 'paused' AND ($1::uuid IS NULL OR id > $1::uuid) AND ($3::uuid IS NULL OR id = $3::uuid)
       ORDER BY id LIMIT $2`,
      [afterId, limit, only ?? null],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Creates `queued` rows, each labelled with its batch; a reader who already has a row for the
   * edition keeps it. Returns the rows created, so concurrent schedulers split the work.
   */
  async queue(editionDate: string, rows: readonly QueuedDelivery[]): Promise<QueuedDelivery[]> {
    if (rows.length === 0) return [];
    await this.ensurePartition(editionDate);
    const created = await this.sql.query<{ subscriber_id: string; batch_id: string }>(
      `INSERT INTO deliveries (subscriber_id, edition_date, state, batch_id)
       SELECT t.s, $1::date, 'queued', t.b FROM unnest($2::uuid[], $3::text[]) AS t(s, b)
       JOIN subscribers ON subscribers.id = t.s
       ON CONFLICT ON CONSTRAINT "PK_deliveries" DO NOTHING
       RETURNING subscriber_id, batch_id`,
      [editionDate, rows.map((r) => r.subscriberId), rows.map((r) => r.batchId)],
    );
    return created.map((r) => ({ subscriberId: r.subscriber_id, batchId: r.batch_id }));
  }

  /**
   * One statement claims a batch: every row labelled with it that is queued, or claimed by an
   * earlier run of this batch before its SMTP exchange began (that run died or stalled: see
   * resolveClaim); rows of the batch whose exchange began under a holder gone past the lease
   * become `unknown` (a claim with no time counts as past its lease, as in the rule: nothing would
   * ever resolve it otherwise). `claimToken` fences this run. Only rows labelled with the batch:
   * the rule's `other-batch` rows are left to their own job or the sweeper.
   */
  async claimBatch(editionDate: string, batchId: string, claimToken: string, leaseMs: number): Promise<ClaimedBatch> {
    const rows = await this.sql.query<{ kind: 'taken' | 'unknown'; subscriber_id: string; attempts: number }>(
      `WITH taken AS (
         UPDATE deliveries SET state = 'claimed', claim_token = $3, claimed_at = now(), attempts = attempts + 1, updated_at = now()
         WHERE edition_date = $1 AND batch_id = $2 AND (state = 'queued' OR (state = 'claimed' AND smtp_started_at IS NULL))
         RETURNING subscriber_id, attempts
       ), lost AS (
         UPDATE deliveries SET state = 'unknown', updated_at = now(),
                last_error = 'worker stopped during the SMTP exchange; the message may have been delivered'
         WHERE edition_date = $1 AND batch_id = $2 AND state = 'claimed' AND smtp_started_at IS NOT NULL
           AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $4::double precision / 1000))
         RETURNING subscriber_id, attempts
       )
       SELECT 'taken' AS kind, subscriber_id, attempts FROM taken UNION ALL SELECT 'unknown', subscriber_id, attempts FROM lost`,
      [editionDate, batchId, claimToken, leaseMs],
      'paperboy-claim-batch',
    );
    const unknown = rows.filter((r) => r.kind === 'unknown').map((r) => r.subscriber_id);
    if (unknown.length) await this.recordHistory(editionDate, unknown, false);
    return { claimed: rows.filter((r) => r.kind === 'taken').map((r) => ({ subscriberId: r.subscriber_id, attempts: r.attempts })), unknown };
  }

  /** Keeps a long-running batch's claims (not yet at SMTP) inside their lease. */
  async renewClaims(editionDate: string, batchId: string, claimToken: string): Promise<void> {
    await this.sql.query(
      `UPDATE deliveries SET claimed_at = now() WHERE edition_date = $1 AND batch_id = $2 AND claim_token = $3 AND state = 'claimed' AND smtp_started_at IS NULL`,
      [editionDate, batchId, claimToken],
    );
  }

  /**
   * Records that SMTP is about to begin, for rows this run still holds and whose reader is, at
   * this moment, still active, unpaused and not suppressed. Returns the rows cleared to send;
   * `refusals` says why the others were not.
   */
  async markSmtpStarted(editionDate: string, starts: readonly SmtpStart[]): Promise<{ cleared: Set<string>; refusals: StartRefusal[] }> {
    const cleared = await this.sql.query<{ subscriber_id: string }>(
      `UPDATE deliveries d SET smtp_started_at = now(), claimed_at = now(), paper_ids = v.paper_ids, message_id = v.message_id, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS v(subscriber_id uuid, claim_token uuid, paper_ids jsonb, message_id text), subscribers s
       WHERE d.edition_date = $1 AND d.subscriber_id = ANY($3::uuid[]) AND d.subscriber_id = v.subscriber_id AND d.claim_token = v.claim_token
         AND d.state = 'claimed' AND d.smtp_started_at IS NULL
         AND s.id = d.subscriber_id AND s.status = 'active' AND s.frequency <> 'paused'
         AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.email_normalized = s.email_normalized)
       RETURNING d.subscriber_id`,
      [
        editionDate,
        JSON.stringify(starts.map((s) => ({ subscriber_id: s.subscriberId, claim_token: s.claimToken, paper_ids: s.paperIds, message_id: s.messageId }))),
        starts.map((s) => s.subscriberId),
      ],
      'paperboy-mark-smtp-started',
    );
    const ok = new Set(cleared.map((r) => r.subscriber_id));
    const others = starts.filter((s) => !ok.has(s.subscriberId));
    return { cleared: ok, refusals: others.length ? await this.whyNotCleared(editionDate, others) : [] };
  }

  private async whyNotCleared(editionDate: string, starts: readonly SmtpStart[]): Promise<StartRefusal[]> {
    const rows = await this.sql.query<{ subscriber_id: string; held: boolean; status: string | null; frequency: string | null; suppressed: boolean }>(
      `SELECT v.subscriber_id, (d.state = 'claimed' AND d.claim_token = v.claim_token AND d.smtp_started_at IS NULL) IS TRUE AS held,
              s.status, s.frequency, EXISTS (SELECT 1 FROM suppressions x WHERE x.email_normalized = s.email_normalized) AS suppressed
       FROM jsonb_to_recordset($2::jsonb) AS v(subscriber_id uuid, claim_token uuid)
       LEFT JOIN deliveries d ON d.edition_date = $1 AND d.subscriber_id = v.subscriber_id
       LEFT JOIN subscribers s ON s.id = v.subscriber_id`,
      [editionDate, JSON.stringify(starts.map((s) => ({ subscriber_id: s.subscriberId, claim_token: s.claimToken })))],
    );
    return rows.map((r) => ({
      subscriberId: r.subscriber_id,
      reason: !r.held ? 'taken' : r.suppressed ? 'suppressed' : r.status !== 'active' ? 'not-active' : r.frequency === 'paused' ? 'paused' : 'taken',
    }));
  }

  /** The server accepted these messages. Also records them in each reader's history. */
  async markSent(editionDate: string, subscriberIds: readonly string[]): Promise<void> {
    await this.sql.query(
      `WITH sent AS (
         UPDATE deliveries SET state = 'sent', sent_at = now(), updated_at = now()
         WHERE edition_date = $1 AND subscriber_id = ANY($2::uuid[]) AND state IN ('claimed', 'unknown') AND smtp_started_at IS NOT NULL
         RETURNING subscriber_id, paper_ids
       )
       ${HISTORY_UPSERT('sent', 'true')}`,
      [editionDate, subscriberIds, READER_HISTORY_EDITIONS],
      'paperboy-mark-sent',
    );
  }

  /** Final outcomes other than `sent`, for rows the given run holds. `unknown` rows enter the reader's history. */
  async markFinal(editionDate: string, outcomes: readonly FinalOutcome[]): Promise<void> {
    const rows = await this.sql.query<{ subscriber_id: string; state: DeliveryState }>(
      `UPDATE deliveries d SET state = v.state::delivery_state, last_error = left(v.last_error, 1000), updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS v(subscriber_id uuid, claim_token uuid, state text, last_error text)
       WHERE d.edition_date = $1 AND d.subscriber_id = ANY($3::uuid[]) AND d.subscriber_id = v.subscriber_id AND d.claim_token = v.claim_token AND d.state = 'claimed'
       RETURNING d.subscriber_id, d.state`,
      [
        editionDate,
        JSON.stringify(outcomes.map((o) => ({ subscriber_id: o.subscriberId, claim_token: o.claimToken, state: o.state, last_error: o.lastError }))),
        outcomes.map((o) => o.subscriberId),
      ],
      'paperboy-mark-final',
    );
    const unknown = rows.filter((r) => r.state === 'unknown').map((r) => r.subscriber_id);
    if (unknown.length) await this.recordHistory(editionDate, unknown, false);
  }

  /**
   * A 5xx to the recipient: in one statement, the address goes on the suppression list (an earlier
   * entry, say a complaint, is kept), its subscriber is never mailed again, and the delivery the
   * given run holds becomes `suppressed`.
   */
  async suppressAfterHardBounce(editionDate: string, subscriber: { id: string; emailNormalized: string }, claimToken: string, smtpMessage: string): Promise<void> {
    await this.sql.query(
      `WITH listed AS (
         INSERT INTO suppressions (email_normalized, reason, detail) VALUES ($3, 'hard-bounce', left($5, 500)) ON CONFLICT (email_normalized) DO NOTHING
       ), stopped AS (
         UPDATE subscribers SET status = 'suppressed', updated_at = now() WHERE id = $2
       )
       UPDATE deliveries SET state = 'suppressed', last_error = left($5, 1000), updated_at = now()
       WHERE edition_date = $1 AND subscriber_id = $2 AND claim_token = $4 AND state = 'claimed'`,
      [editionDate, subscriber.id, subscriber.emailNormalized, claimToken, smtpMessage],
    );
  }

  /**
   * A transient failure: the rows go back to `queued` under a retry batch label, their claim
   * released (the SMTP server certainly did not accept the message).
   */
  async requeue(editionDate: string, rows: ReadonlyArray<{ subscriberId: string; claimToken: string; lastError: string }>, retryBatchId: string): Promise<string[]> {
    const requeued = await this.sql.query<{ subscriber_id: string }>(
      `UPDATE deliveries d SET state = 'queued', batch_id = $3, claim_token = NULL, claimed_at = NULL, smtp_started_at = NULL,
              last_error = left(v.last_error, 1000), updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS v(subscriber_id uuid, claim_token uuid, last_error text)
       WHERE d.edition_date = $1 AND d.subscriber_id = ANY($4::uuid[]) AND d.subscriber_id = v.subscriber_id AND d.claim_token = v.claim_token AND d.state = 'claimed'
       RETURNING d.subscriber_id`,
      [editionDate, JSON.stringify(rows.map((r) => ({ subscriber_id: r.subscriberId, claim_token: r.claimToken, last_error: r.lastError }))), retryBatchId, rows.map((r) => r.subscriberId)],
    );
    return requeued.map((r) => r.subscriber_id);
  }

  /** Adds an edition to readers' history (sent, or possibly sent), keeping the newest READER_HISTORY_EDITIONS. */
  private async recordHistory(editionDate: string, subscriberIds: readonly string[], sent: boolean): Promise<void> {
    await this.sql.query(
      `WITH sent AS (SELECT subscriber_id, paper_ids FROM deliveries WHERE edition_date = $1 AND subscriber_id = ANY($2::uuid[]))
       ${HISTORY_UPSERT('sent', sent ? 'true' : 'false')}`,
      [editionDate, subscriberIds, READER_HISTORY_EDITIONS],
    );
  }

  /**
   * Every delivery of one subscriber, oldest first: their data export. The one per-subscriber
   * statement, so it reads each partition's key index once (rare: an export, not a digest).
   */
  async bySubscriber(subscriberId: string): Promise<Array<{ editionDate: string; state: DeliveryState; sentAt: Date | null; paperIds: string[] }>> {
    const rows = await this.sql.query<{ edition_date: string; state: DeliveryState; sent_at: Date | null; paper_ids: string[] }>(
      `SELECT edition_date::text, state, sent_at, paper_ids FROM deliveries WHERE subscriber_id = $1 ORDER BY edition_date`,
      [subscriberId],
    );
    return rows.map((r) => ({ editionDate: r.edition_date, state: r.state, sentAt: r.sent_at, paperIds: r.paper_ids }));
  }

  /** One subscriber's delivery of one edition (the view-in-browser page), or null. */
  async findOne(subscriberId: string, editionDate: string): Promise<{ state: DeliveryState; paperIds: string[] } | null> {
    const [row] = await this.sql.query<{ state: DeliveryState; paper_ids: string[] }>(
      `SELECT state, paper_ids FROM deliveries WHERE edition_date = $2 AND subscriber_id = $1`,
      [subscriberId, editionDate],
    );
    return row ? { state: row.state, paperIds: row.paper_ids } : null;
  }

  /** Counts by state for one edition (every state present). */
  async counts(editionDate: string): Promise<DeliveryCounts> {
    const rows = await this.sql.query<{ state: DeliveryState; n: number }>(
      `SELECT state, count(*)::int AS n FROM deliveries WHERE edition_date = $1 GROUP BY state`,
      [editionDate],
    );
    return Object.fromEntries(DELIVERY_STATES.map((s) => [s, rows.find((r) => r.state === s)?.n ?? 0])) as DeliveryCounts;
  }

  /**
   * Editions with rows not yet final: the sweeper's starting point, every minute. One probe per
   * partition that stops at its first unfinished row, so the cost stays one row per partition while
   * millions of an edition are in flight (a DISTINCT over unfinished rows read them all, by a
   * sequential scan of the busy partition); plus the default partition, normally empty.
   */
  async openEditions(): Promise<string[]> {
    const rows = await this.sql.query<{ edition_date: string }>(
      `SELECT day::text AS edition_date FROM unnest($1::date[]) AS day
       CROSS JOIN LATERAL (SELECT 1 FROM deliveries d WHERE d.edition_date = day AND d.state IN ('queued', 'claimed') LIMIT 1) AS open
       UNION
       SELECT edition_date::text FROM deliveries_default WHERE state IN ('queued', 'claimed')
       ORDER BY 1`,
      [await this.partitionDates()],
    );
    return rows.map((r) => r.edition_date);
  }

  /**
   * What the sweeper must look at in one edition: batches with queued rows untouched for
   * `quietMs` (their job may be lost), and claims past the lease that never began SMTP.
   * Claims past the lease that did begin SMTP are turned `unknown` here: `resolveStaleClaim` of
   * @app/delivery/rules in SQL (tested to agree).
   */
  async stale(editionDate: string, leaseMs: number, quietMs: number): Promise<StaleDeliveries & { unknown: string[] }> {
    const lost = await this.sql.query<{ subscriber_id: string }>(
      `UPDATE deliveries SET state = 'unknown', updated_at = now(),
              last_error = 'worker stopped during the SMTP exchange; the message may have been delivered'
       WHERE edition_date = $1 AND state = 'claimed' AND smtp_started_at IS NOT NULL
         AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2::double precision / 1000))
       RETURNING subscriber_id`,
      [editionDate, leaseMs],
    );
    const unknown = lost.map((r) => r.subscriber_id);
    if (unknown.length) await this.recordHistory(editionDate, unknown, false);
    const queued = await this.sql.query<{ batch_id: string | null; n: number }>(
      `SELECT batch_id, count(*)::int AS n FROM deliveries
       WHERE edition_date = $1 AND state = 'queued' AND updated_at < now() - make_interval(secs => $2::double precision / 1000)
       GROUP BY batch_id ORDER BY batch_id`,
      [editionDate, quietMs],
    );
    const abandoned = await this.sql.query<{ subscriber_id: string }>(
      `SELECT subscriber_id FROM deliveries
       WHERE edition_date = $1 AND state = 'claimed' AND smtp_started_at IS NULL
         AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2::double precision / 1000))`,
      [editionDate, leaseMs],
    );
    return {
      unknown,
      queuedBatches: queued.map((r) => ({ batchId: r.batch_id ?? '', rows: r.n })),
      abandoned: abandoned.map((r) => r.subscriber_id),
    };
  }

  /**
   * Moves rows to a new batch label (queued): the queued rows of `fromBatch` (or those with no
   * label, for ''), and/or the given abandoned claims. Returns how many moved.
   */
  async relabel(editionDate: string, toBatch: string, from: { batchId?: string; abandoned?: readonly string[]; leaseMs?: number }): Promise<number> {
    const rows = await this.sql.query<{ subscriber_id: string }>(
      `UPDATE deliveries SET state = 'queued', batch_id = $2, claim_token = NULL, claimed_at = NULL, updated_at = now()
       WHERE edition_date = $1 AND (
         (state = 'queued' AND $3::text IS NOT NULL AND batch_id IS NOT DISTINCT FROM NULLIF($3::text, ''))
         OR (state = 'claimed' AND smtp_started_at IS NULL AND subscriber_id = ANY($4::uuid[])
             AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $5::double precision / 1000))))
       RETURNING subscriber_id`,
      [editionDate, toBatch, from.batchId ?? null, from.abandoned ?? [], from.leaseMs ?? 0],
    );
    return rows.length;
  }
}

/**
 * Upserts reader_history from a CTE `sent(subscriber_id, paper_ids)`; $1 the edition date, $3 how
 * many editions to keep. An edition already recorded as sent stays sent; the last sent edition only
 * moves forward.
 */
const HISTORY_UPSERT = (cte: string, sent: 'true' | 'false') => `
  INSERT INTO reader_history AS h (subscriber_id, last_sent_edition, editions, updated_at)
  SELECT subscriber_id, CASE WHEN ${sent} THEN $1::date END, jsonb_build_object($1::text, jsonb_build_object('sent', ${sent}, 'papers', paper_ids)), now() FROM ${cte}
  ON CONFLICT ON CONSTRAINT "PK_reader_history" DO UPDATE SET updated_at = now(),
    last_sent_edition = GREATEST(h.last_sent_edition, EXCLUDED.last_sent_edition),
    editions = (
      SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM (
        SELECT key, value FROM jsonb_each(h.editions || jsonb_build_object($1::text,
          CASE WHEN (h.editions -> $1::text ->> 'sent')::boolean THEN h.editions -> $1::text ELSE EXCLUDED.editions -> $1::text END))
        ORDER BY key DESC LIMIT $3) AS e)`;
