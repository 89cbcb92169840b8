import { expect } from '@jest/globals';
import type pg from 'pg';
import type { MailCatcherHandle } from '@app/embedded';
import { startProcess, type RunningProcess } from './processes.js';
import { randomSecrets } from './test-services.js';

// Production mode refuses published secrets; one random pair per test file, shared by its processes.
const secrets = randomSecrets();

/** Environment of a real worker process in the digest fault suites: fast sweeps and retries, no crons firing on their own. */
export function digestWorkerEnv(urls: { database: string; redis: string; smtp: string }, queuePrefix: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: urls.database,
    REDIS_URL: urls.redis,
    SMTP_URL: urls.smtp,
    ...secrets,
    // Production mode (NODE_ENV unset) refuses an http PUBLIC_URL off localhost.
    PUBLIC_URL: 'https://paperboy.test',
    QUEUE_PREFIX: queuePrefix,
    INGEST_SOURCES: '',
    DIGEST_CRON: '0 0 1 1 *',
    DIGEST_SWEEP_CRON: '*/2 * * * * *',
    DIGEST_LEASE_MS: '10000',
    JOB_BACKOFF_MS: '200',
    // A second edition of the same papers has nothing new; send it anyway so every delivery is exercised.
    SKIP_EMPTY_DIGESTS: 'false',
    // Two batches for the 40 readers of the fault suites, four messages on the wire at a time.
    DIGEST_BATCH_SIZE: '25',
    SMTP_POOL_SIZE: '4',
    WORKER_PROCESSES: '1',
    LOG_LEVEL: 'warn',
  };
}

export function startWorker(env: NodeJS.ProcessEnv, running: RunningProcess[]): RunningProcess {
  const worker = startProcess('dist/apps/worker/src/main.js', env);
  running.push(worker);
  return worker;
}

/**
 * Lets a worker migrate the fresh database (it does so at boot), then stops it,
 * and seeds two papers featured today and `subscribers` active readers of
 * reward modeling (reader0@example.org …).
 */
export async function prepareEdition(db: pg.Client, env: NodeJS.ProcessEnv, running: RunningProcess[], subscribers: number, today: string): Promise<void> {
  const first = startWorker(env, running);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const ready = await db.query(`SELECT to_regclass('public.topics') IS NOT NULL AS ok`);
    if (ready.rows[0].ok && (await db.query('SELECT count(*)::int AS n FROM topics')).rows[0].n > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Still booting, so it has nothing in flight: stopping it at once is fine.
  first.child.kill('SIGTERM');
  await first.exited;
  await db.query(
    `INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes) VALUES
      ('2511.40001', 'Process Reward Models at Scale', 'A process reward model for every step.', 'test', $1, 20),
      ('2511.40002', 'Reward Model Ensembles', 'Ensembles of reward models.', 'test', $1, 5)`,
    [today],
  );
  await db.query(
    `INSERT INTO subscribers (email, email_normalized, status, confirmed_at)
     SELECT 'reader' || g || '@example.org', 'reader' || g || '@example.org', 'active', now() FROM generate_series(0, $1 - 1) g`,
    [subscribers],
  );
  await db.query(`INSERT INTO subscriber_topics (subscriber_id, topic_id) SELECT s.id, t.id FROM subscribers s, topics t WHERE t.slug = 'reward-modeling'`);
}

/** Waits for a process to exit, at most `ms`; the timer is cleared so nothing is left pending. */
export async function exitedWithin(p: RunningProcess, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.exited, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Polls until every delivery of the edition has left `claimed`, the deadline passes, or `keepWaiting` says stop. */
export async function waitForEditionToFinish(db: pg.Client, editionDate: string, total: number, timeoutMs: number, keepWaiting: () => boolean = () => true): Promise<void> {
  const end = Date.now() + timeoutMs;
  const finished = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND state NOT IN ('queued', 'claimed')`, [editionDate])).rows[0].n as number;
  while ((await finished()) < total && Date.now() < end && keepWaiting()) await new Promise((r) => setTimeout(r, 250));
}

export interface EditionOutcome {
  /** One per subscriber, with the state of their delivery for the edition (null: no row). */
  rows: Array<{ email: string; state: string | null }>;
  /** Messages the sink accepted, per recipient. */
  received: Map<string, number>;
  sent: number;
  unknown: number;
  states: Record<string, number>;
}

/** What each subscriber got for the edition: their delivery state, and how many messages the sink holds for them. */
export async function editionOutcome(db: pg.Client, sink: MailCatcherHandle, editionDate: string): Promise<EditionOutcome> {
  const { rows } = await db.query<{ email: string; state: string | null }>(
    `SELECT s.email_normalized AS email, d.state FROM subscribers s LEFT JOIN deliveries d ON d.subscriber_id = s.id AND d.edition_date = $1 ORDER BY s.id`,
    [editionDate],
  );
  const received = new Map<string, number>();
  for (const m of sink.messages()) for (const to of m.envelopeTo) received.set(to, (received.get(to) ?? 0) + 1);
  const states: Record<string, number> = {};
  for (const r of rows) states[r.state ?? 'none'] = (states[r.state ?? 'none'] ?? 0) + 1;
  return { rows, received, sent: rows.filter((r) => r.state === 'sent').length, unknown: rows.filter((r) => r.state === 'unknown').length, states };
}

/** The guarantee after any fault: nobody got two messages; a sent delivery is exactly one message; anything else is reported `unknown`, never silently missing. */
export function expectAtMostOneEachNoneMissing({ rows, received }: Pick<EditionOutcome, 'rows' | 'received'>, diagnosis: string): void {
  for (const { email, state } of rows) {
    const count = received.get(email) ?? 0;
    expect({ email, state, atMostOne: count <= 1 }).toEqual({ email, state, atMostOne: true });
    if (state === 'sent') expect({ email, count }).toEqual({ email, count: 1 });
    else expect({ email, state, diagnosis }).toEqual({ email, state: 'unknown', diagnosis }); // never silently missing
  }
}
