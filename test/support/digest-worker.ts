import type pg from 'pg';
import { startProcess, type RunningProcess } from './processes.js';

/** Environment of a real worker process in the digest fault suites: fast sweeps and retries, no crons firing on their own. */
export function digestWorkerEnv(urls: { database: string; redis: string; smtp: string }, queuePrefix: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: urls.database,
    REDIS_URL: urls.redis,
    SMTP_URL: urls.smtp,
    ADMIN_TOKEN: 'fault-test-admin-token-00',
    TOKEN_SECRET: 'fault-test-token-secret-0123456789abcdef',
    PUBLIC_URL: 'http://paperboy.test',
    QUEUE_PREFIX: queuePrefix,
    INGEST_SOURCES: '',
    DIGEST_CRON: '0 0 1 1 *',
    DIGEST_SWEEP_CRON: '*/2 * * * * *',
    DIGEST_LEASE_MS: '10000',
    JOB_BACKOFF_MS: '200',
    // A second edition of the same papers has nothing new; send it anyway so every delivery is exercised.
    SKIP_EMPTY_DIGESTS: 'false',
    WORKER_CONCURRENCY: '4',
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
