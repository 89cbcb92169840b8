import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import pg from 'pg';
import { bullPrefix } from '@app/queue';
import { startMailCatcher, type MailCatcherHandle } from '@app/embedded';
import { digestWorkerEnv, editionOutcome, exitedWithin, expectAtMostOneEachNoneMissing, prepareEdition, startWorker as startDigestWorker, waitForEditionToFinish } from './support/digest-worker.js';
import type { RunningProcess } from './support/processes.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { createTestDatabase, testServerUrls, type TestDatabase } from './support/test-services.js';

// The worker reaches Postgres through a proxy this file cuts for a few seconds mid-edition: every
// connection drops and new ones are refused, as when the database restarts or fails over.
const SUBSCRIBERS = 40;
const OUTAGE_MS = 3000;
const TODAY = new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('digest delivery through a Postgres outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let sink: MailCatcherHandle;
  let db: pg.Client;
  let queue: Queue;
  const prefix = `pgout${randomBytes(4).toString('hex')}`;
  const running: RunningProcess[] = [];

  const env = () => {
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    return digestWorkerEnv({ database: viaProxy.toString(), redis: testServerUrls().redis, smtp: sink.smtpUrl }, prefix);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy(Number(new URL(database.url).port));
    sink = await startMailCatcher({ acceptDelayMs: 150 });
    db = new pg.Client({ connectionString: database.url }); // the test's own view, not through the proxy
    await db.connect();
    await prepareEdition(db, env(), running, SUBSCRIBERS, TODAY);
    queue = new Queue('digest', { connection: { url: testServerUrls().redis }, prefix: bullPrefix(prefix) });
  }, 60000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => exitedWithin(p, 5000)));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await proxy?.close();
    await db?.end();
    await database?.drop();
    await sink?.stop();
  });

  it('sends nothing without a claim while Postgres is away, then completes the edition: none twice, none silently missing', async () => {
    const worker = startDigestWorker(env(), running);
    await worker.waitForOutput(/worker started/, 30000);
    await queue.add('plan-edition', { editionDate: TODAY }, { jobId: `plan.${TODAY}.all.pg-outage` });
    const deadline = Date.now() + 20000;
    while (sink.messages().length < 10 && Date.now() < deadline) await sleep(20);

    await proxy.cut();
    const acceptedAtCut = sink.messages().length;
    // Exchanges already recorded as started may finish; nothing else can be sent without a claim.
    const { rows: started } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND state = 'claimed' AND smtp_started_at IS NOT NULL`, [TODAY]);
    await sleep(OUTAGE_MS);
    const acceptedDuringOutage = sink.messages().length - acceptedAtCut;
    await proxy.restore();

    await waitForEditionToFinish(db, TODAY, SUBSCRIBERS, 60000, () => worker.child.exitCode === null);
    const outcome = await editionOutcome(db, sink, TODAY);
    const { rows, received, sent, unknown, states } = outcome;
    process.stdout.write(`postgres outage test: ${acceptedAtCut} accepted at the cut, ${acceptedDuringOutage} during the outage (${started[0].n} had started), ${sent} sent, ${unknown} unknown\n`);
    const diagnosis = `states ${JSON.stringify(states)}; worker ${worker.child.exitCode === null ? 'still running' : `exited ${worker.child.exitCode}`}; output:\n${worker.output()}`;

    expect(acceptedAtCut).toBeLessThan(SUBSCRIBERS);
    expect(acceptedDuringOutage).toBeLessThanOrEqual(started[0].n);
    expect({ workerAlive: worker.child.exitCode === null, diagnosis }).toEqual({ workerAlive: true, diagnosis });
    expectAtMostOneEachNoneMissing({ rows, received }, diagnosis);
    expect(sent + unknown).toBe(SUBSCRIBERS);

    worker.child.kill('SIGTERM');
    await exitedWithin(worker, 15000);
  }, 120000);
});
