import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import pg from 'pg';
import { bullPrefix } from '@app/queue';
import { startMailCatcher, type MailCatcherHandle } from '@app/embedded';
import { digestWorkerEnv, editionOutcome, prepareEdition, startWorker as startDigestWorker, waitForEditionToFinish } from './support/digest-worker.js';
import type { RunningProcess } from './support/processes.js';
import { createTestDatabase, testServerUrls, type TestDatabase } from './support/test-services.js';

// Real worker processes, killed for real, against Postgres, Redis and a slow SMTP sink on loopback.
const SUBSCRIBERS = 40;
const TODAY = new Date().toISOString().slice(0, 10);

describe('digest delivery survives a killed worker', () => {
  let database: TestDatabase;
  let sink: MailCatcherHandle;
  let db: pg.Client;
  let queue: Queue;
  const prefix = `fault${randomBytes(4).toString('hex')}`;
  const running: RunningProcess[] = [];

  const env = () => digestWorkerEnv({ database: database.url, redis: testServerUrls().redis, smtp: sink.smtpUrl }, prefix);
  const startWorker = () => startDigestWorker(env(), running);

  beforeAll(async () => {
    database = await createTestDatabase();
    // Each 250 comes 150 ms after the message is stored: a kill lands mid-exchange for some.
    sink = await startMailCatcher({ acceptDelayMs: 150 });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await prepareEdition(db, env(), running, SUBSCRIBERS, TODAY);
    queue = new Queue('digest', { connection: { url: testServerUrls().redis }, prefix: bullPrefix(prefix) });
  }, 60000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await db?.end();
    await sink?.stop();
    await database?.drop();
  });

  it('SIGKILL in the middle of a batch, restart: every subscriber has at most one message, and any missing one is reported unknown', async () => {
    const worker = startWorker();
    await worker.waitForOutput(/worker started/, 30000);
    await queue.add('plan-edition', { editionDate: TODAY }, { jobId: `plan.${TODAY}.all.fault` });
    const deadline = Date.now() + 20000;
    while (sink.messages().length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    worker.child.kill('SIGKILL');
    await worker.exited;
    const acceptedAtKill = sink.messages().length;
    expect(acceptedAtKill).toBeGreaterThanOrEqual(8);
    expect(acceptedAtKill).toBeLessThan(SUBSCRIBERS);
    // The kill landed inside a batch (25 readers each): some of its rows final, some still held.
    const batches = await db.query<{ batch_id: string; done: number; open: number }>(
      `SELECT batch_id, count(*) FILTER (WHERE state NOT IN ('queued', 'claimed'))::int AS done, count(*) FILTER (WHERE state = 'claimed')::int AS open
       FROM deliveries WHERE edition_date = $1 GROUP BY batch_id`,
      [TODAY],
    );
    expect(batches.rows.some((b) => b.done > 0 && b.open > 0)).toBe(true);

    const restarted = startWorker();
    await waitForEditionToFinish(db, TODAY, SUBSCRIBERS, 60000);
    const { rows, received } = await editionOutcome(db, sink, TODAY);
    expect(rows).toHaveLength(SUBSCRIBERS);
    for (const { email, state } of rows) {
      const count = received.get(email) ?? 0;
      expect({ email, atMostOne: count <= 1 }).toEqual({ email, atMostOne: true });
      if (state === 'sent') expect({ email, count }).toEqual({ email, count: 1 });
      else expect({ email, state }).toEqual({ email, state: 'unknown' }); // never silently missing
    }
    const unknown = rows.filter((r) => r.state === 'unknown').length;
    process.stdout.write(`fault test: ${acceptedAtKill} accepted at SIGKILL, ${SUBSCRIBERS - unknown} sent, ${unknown} unknown\n`);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
    expect(rows.filter((r) => r.state === 'sent').length + unknown).toBe(SUBSCRIBERS);
  }, 120000);

  it('SIGTERM mid-edition: in-flight digests finish, the worker exits promptly, a restart sends the rest, none twice', async () => {
    const edition = '2031-02-02';
    const before = new Map<string, number>();
    for (const m of sink.messages()) for (const to of m.envelopeTo) before.set(to, (before.get(to) ?? 0) + 1);
    const worker = startWorker();
    await worker.waitForOutput(/worker started/, 30000);
    await queue.add('plan-edition', { editionDate: edition }, { jobId: `plan.${edition}.all.term` });
    const countFor = async () => (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND state = 'sent'`, [edition])).rows[0].n as number;
    const deadline = Date.now() + 20000;
    while ((await countFor()) < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const stopping = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(15000);
    // Graceful: nothing was cut off mid-exchange.
    const cut = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND (state = 'unknown' OR (state = 'claimed' AND smtp_started_at IS NOT NULL))`, [edition]);
    expect(cut.rows[0].n).toBe(0);

    startWorker();
    const end = Date.now() + 60000;
    let done = 0;
    while (Date.now() < end) {
      done = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND state NOT IN ('queued', 'claimed')`, [edition])).rows[0].n;
      if (done === SUBSCRIBERS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(done).toBe(SUBSCRIBERS);
    const states = await db.query(`SELECT state, count(*)::int AS n FROM deliveries WHERE edition_date = $1 GROUP BY state`, [edition]);
    expect(states.rows).toEqual([{ state: 'sent', n: SUBSCRIBERS }]);
    const after = new Map<string, number>();
    for (const m of sink.messages()) for (const to of m.envelopeTo) after.set(to, (after.get(to) ?? 0) + 1);
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const email = `reader${i}@example.org`;
      expect({ email, new: (after.get(email) ?? 0) - (before.get(email) ?? 0) }).toEqual({ email, new: 1 });
    }
  }, 120000);
});
