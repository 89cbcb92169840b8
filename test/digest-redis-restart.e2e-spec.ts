import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import pg from 'pg';
import { bullPrefix } from '@app/queue';
import { startMailCatcher, startRedisServer, type MailCatcherHandle, type RedisServerHandle } from '@app/embedded';
import { digestWorkerEnv, editionOutcome, exitedWithin, expectAtMostOneEachNoneMissing, prepareEdition, startWorker as startDigestWorker, waitForEditionToFinish } from './support/digest-worker.js';
import type { RunningProcess } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-services.js';

// A private, persistent (AOF) redis-server that this file stops and restarts on the same port and dir;
// the shared test Redis is left alone. The same worker process must ride through the outage.
const SUBSCRIBERS = 40;
const TODAY = new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('digest delivery survives a Redis restart', () => {
  let database: TestDatabase;
  let sink: MailCatcherHandle;
  let db: pg.Client;
  let queue: Queue;
  let redis: RedisServerHandle | undefined;
  let redisDir: string;
  const prefix = `rrestart${randomBytes(4).toString('hex')}`;
  const running: RunningProcess[] = [];

  const env = () => digestWorkerEnv({ database: database.url, redis: redis!.url, smtp: sink.smtpUrl }, prefix);
  const startWorker = () => startDigestWorker(env(), running);

  beforeAll(async () => {
    redisDir = mkdtempSync(path.join(tmpdir(), 'paperboy-redis-restart-'));
    redis = await startRedisServer({ dir: redisDir, persistent: true }, 'n/a');
    database = await createTestDatabase();
    sink = await startMailCatcher({ acceptDelayMs: 150 });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await prepareEdition(db, env(), running, SUBSCRIBERS, TODAY);
    queue = new Queue('digest', { connection: { url: redis.url }, prefix: bullPrefix(prefix) });
    queue.on('error', () => undefined); // connection refused while Redis is down: expected
  }, 60000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => exitedWithin(p, 5000)));
    await queue?.close().catch(() => undefined);
    await redis?.stop();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
    await db?.end();
    await database?.drop();
    await sink?.stop();
  });

  it('Redis restarted mid-run → the edition completes with the same guarantees', async () => {
    const worker = startWorker();
    await worker.waitForOutput(/worker started/, 30000);
    await queue.add('plan-edition', { editionDate: TODAY }, { jobId: `plan.${TODAY}.all.redis-restart` });
    const deadline = Date.now() + 20000;
    while (sink.messages().length < 10 && Date.now() < deadline) await sleep(20);
    const acceptedAtStop = sink.messages().length;
    expect(acceptedAtStop).toBeGreaterThanOrEqual(10);
    expect(acceptedAtStop).toBeLessThan(SUBSCRIBERS);

    // Stop Redis (SIGTERM: AOF is flushed), stay down ~2 s, come back on the same port and dir.
    const { port } = redis!;
    await redis!.stop();
    await sleep(2000);
    redis = await startRedisServer({ dir: redisDir, persistent: true, port }, 'n/a');
    expect(redis.port).toBe(port);

    await waitForEditionToFinish(db, TODAY, SUBSCRIBERS, 60000, () => worker.child.exitCode === null);
    const outcome = await editionOutcome(db, sink, TODAY);
    const { rows, received, sent, unknown, states } = outcome;
    process.stdout.write(`redis restart test: ${sent} sent, ${unknown} unknown\n`);
    const diagnosis = `${acceptedAtStop} accepted at Redis stop; states ${JSON.stringify(states)}; ` +
      `worker ${worker.child.exitCode === null ? 'still running' : `exited ${worker.child.exitCode}`}; worker output:\n${worker.output()}`;

    // The same worker process reconnected by itself and is still alive.
    expect({ workerAlive: worker.child.exitCode === null, diagnosis }).toEqual({ workerAlive: true, diagnosis });
    expect(rows).toHaveLength(SUBSCRIBERS);
    expectAtMostOneEachNoneMissing({ rows, received }, diagnosis);
    expect(sent + unknown).toBe(SUBSCRIBERS);

    worker.child.kill('SIGTERM');
    await exitedWithin(worker, 15000);
  }, 120000);
});
