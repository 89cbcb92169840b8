import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { freePort } from '@app/embedded';
import { startProcess, type RunningProcess } from './support/processes.js';
import { createTestDatabase, randomSecrets, testServerUrls, type TestDatabase } from './support/test-services.js';

// These run the built entry points (npm test builds first) as real processes.

// NODE_ENV is unset, so production: published or guessable secrets would be refused.
const secrets = randomSecrets();
const productionEnv = (databaseUrl: string) => ({
  DATABASE_URL: databaseUrl,
  REDIS_URL: testServerUrls().redis,
  SMTP_URL: 'smtp://127.0.0.1:2525',
  ...secrets,
  QUEUE_PREFIX: 'proc',
});

describe('production entry points', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it.each([
    ['dist/apps/api/src/main.js', 'DATABASE_URL', 'postgres//nope'],
    ['dist/apps/worker/src/main.js', 'DATABASE_URL', 'mysql://x@y/z'],
    ['dist/apps/api/src/main.js', 'TOKEN_SECRET', 'too-short'],
    ['dist/apps/api/src/main.js', 'PORT', 'abc'],
    // docker-compose.yml's old default, a repeated character, a plain-http public address
    ['dist/apps/api/src/main.js', 'ADMIN_TOKEN', 'change-me-admin-token-0000'],
    ['dist/apps/worker/src/main.js', 'TOKEN_SECRET', 'a'.repeat(40)],
    ['dist/apps/api/src/main.js', 'PUBLIC_URL', 'http://papers.example.org'],
  ])('%s refuses a bad %s with one line naming it', async (entry, variable, value) => {
    const proc = startProcess(entry, { ...productionEnv(database.url), [variable]: value });
    expect(await proc.exited).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Paperboy cannot start: ${variable}: `));
    expect(proc.output()).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('the API serves /ready, then exits cleanly and promptly on SIGTERM', async () => {
    const port = await freePort();
    const proc = startProcess('dist/apps/api/src/main.js', { ...productionEnv(database.url), PORT: String(port), HOST: '127.0.0.1' });
    await waitForReady(`http://127.0.0.1:${port}`, 30000, proc.output);
    const started = Date.now();
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('the worker starts against real Postgres and Redis and stops cleanly on SIGTERM', async () => {
    const proc = startProcess('dist/apps/worker/src/main.js', { ...productionEnv(database.url), WORKER_PROCESSES: '1' });
    await proc.waitForOutput(/worker started/, 30000);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('Stopped.');
  });

  it('WORKER_PROCESSES runs that many workers under one supervisor, restarts one that dies, and stops them all on SIGTERM', async () => {
    const proc = startProcess('dist/apps/worker/src/main.js', { ...productionEnv(database.url), WORKER_PROCESSES: '3' });
    await proc.waitForOutput(/supervisor started \(pid \d+, 3 worker processes\)/, 60000);
    const workerPids = () => [...proc.output().matchAll(/worker started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(new Set(workerPids()).size).toBe(3);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // A worker that crashes is replaced.
    process.kill(workerPids()[0], 'SIGKILL');
    await proc.waitForOutput(/worker \d+ \(pid \d+\) exited \(SIGKILL\); restarting/, 10000);
    const deadline = Date.now() + 30000;
    while (new Set(workerPids()).size < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const running = [...new Set(workerPids())].filter(alive);
    expect(running).toHaveLength(3);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('Stopped.');
    expect(running.filter(alive)).toEqual([]);
  }, 90000);
});

/** What a stranger on this machine (or a web page rebinding its DNS to 127.0.0.1) finds on the embedded ports. */
async function expectEmbeddedServicesLocked(dataDir: string, databaseUrl: string, inboxUrl: string): Promise<void> {
  const withoutPassword = new URL(databaseUrl);
  expect(withoutPassword.password.length).toBeGreaterThanOrEqual(20);
  withoutPassword.password = '';
  const intruder = new pg.Client({ connectionString: withoutPassword.toString() });
  intruder.on('error', () => undefined);
  await expect(intruder.connect()).rejects.toThrow(/password/);
  await intruder.end().catch(() => undefined);

  const redisPid = readFileSync(path.join(dataDir, 'redis', 'redis.pid'), 'utf8').trim();
  // redis-server retitles itself "redis-server 127.0.0.1:PORT".
  const redisPort = Number(/127\.0\.0\.1:(\d+)/.exec(readFileSync(`/proc/${redisPid}/cmdline`, 'utf8'))?.[1]);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(redisPort, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (chunk: Buffer) => {
      resolve(chunk.toString());
      socket.destroy();
    });
    socket.on('error', reject);
  });
  expect(answer).toMatch(/^-NOAUTH/);

  const inboxPort = Number(new URL(inboxUrl).port);
  const rebound = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: inboxPort, path: '/api/messages', headers: { host: `attacker.example:${inboxPort}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  expect(rebound).toBe(403);
}

async function waitForReady(base: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready within ${timeoutMs} ms; output:\n${output()}`);
}

describe('npm start on embedded defaults (no DATABASE_URL, REDIS_URL or SMTP_URL)', () => {
  let dataDir: string;
  const started: RunningProcess[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'paperboy-start-'));
  });
  afterAll(async () => {
    // A failed expectation must not leave a whole Paperboy running after the suite.
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all(started.map((p) => p.exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startAllInOne = async () => {
    const port = await freePort();
    const proc = startProcess('dist/apps/all-in-one/src/main.js', { DATA_DIR: dataDir, PORT: String(port) });
    started.push(proc);
    const [, databaseUrl] = await proc.waitForOutput(/Postgres\s+(postgres:\/\/\S+)/, 60000);
    await waitForReady(`http://127.0.0.1:${port}`, 30000, proc.output);
    return { proc, port, databaseUrl };
  };

  it('starts PGlite, Redis and the mail catcher, prints the URLs, and keeps data across restarts', async () => {
    const first = await startAllInOne();
    const banner = first.proc.output();
    for (const label of ['Site', 'API docs', 'Inbox (caught mail)', 'Queue dashboard']) expect(banner).toContain(label);
    const inboxUrl = /Inbox \(caught mail\) (\S+)/.exec(banner)?.[1];
    expect((await fetch(inboxUrl!)).status).toBe(200);
    await expectEmbeddedServicesLocked(dataDir, first.databaseUrl, inboxUrl!);

    const client = new pg.Client({ connectionString: first.databaseUrl });
    await client.connect();
    // The bundled sample papers are loaded through the ingest queue.
    const deadline = Date.now() + 30000;
    let papers = 0;
    while (Date.now() < deadline && papers < 132) {
      papers = Number((await client.query('SELECT count(*) AS n FROM papers')).rows[0].n);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(papers).toBe(132);
    const runs = await client.query(`SELECT count(*) AS n FROM ingest_runs WHERE source = 'sample' AND status = 'succeeded'`);
    expect(Number(runs.rows[0].n)).toBe(7);
    await client.query(`INSERT INTO topics (slug, name, query) VALUES ('kept', 'Kept across restarts', 'kept')`);
    await client.end();

    // A second `npm start` on the same data must not fight the first over it.
    const intruder = startProcess('dist/apps/all-in-one/src/main.js', { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('Paperboy is already running from');
    expect((await fetch(`http://127.0.0.1:${first.port}/ready`)).status).toBe(200);

    const redisPid = Number(readFileSync(path.join(dataDir, 'redis', 'redis.pid'), 'utf8'));
    first.proc.child.kill('SIGTERM');
    expect(await first.proc.exited).toBe(0);
    // The embedded redis-server is a child: it must be gone too.
    expect(existsSync(`/proc/${redisPid}`)).toBe(false);

    const second = await startAllInOne();
    const again = new pg.Client({ connectionString: second.databaseUrl });
    await again.connect();
    const rows = await again.query(`SELECT name FROM topics WHERE slug = 'kept'`);
    await again.end();
    expect(rows.rows).toEqual([{ name: 'Kept across restarts' }]);
    second.proc.child.kill('SIGINT');
    expect(await second.proc.exited).toBe(0);
  }, 120000);

  it('a newcomer who subscribes and confirms gets a digest in the embedded inbox when the admin runs the edition', async () => {
    const { proc, port } = await startAllInOne();
    const base = `http://127.0.0.1:${port}`;
    const banner = proc.output();
    const inbox = /Inbox \(caught mail\) (\S+)/.exec(banner)![1].replace(/\/$/, '');
    const adminToken = /Admin token\s+(\S+)/.exec(banner)![1];
    const email = `newcomer-${Date.now()}@example.org`;
    const mailTo = async (subject: RegExp) => {
      const deadline = Date.now() + 30000;
      while (Date.now() < deadline) {
        const messages = (await (await fetch(`${inbox}/api/messages?to=${encodeURIComponent(email)}`)).json()) as Array<{ subject: string; text: string; headers: Record<string, string> }>;
        const found = messages.find((m) => subject.test(m.subject));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`no mail matching ${subject} for ${email}; output:\n${proc.output()}`);
    };

    const subscribed = await fetch(`${base}/api/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, topics: ['reward-modeling', 'rlhf'] }) });
    expect(subscribed.status).toBe(202);
    const confirmation = await mailTo(/confirm/i);
    const confirmUrl = /(https?:\/\/\S+\/confirm\/[\w-]+)/.exec(confirmation.text)![1];
    expect((await fetch(new URL(new URL(confirmUrl).pathname, base), { method: 'POST' })).status).toBe(200);

    const today = new Date().toISOString().slice(0, 10);
    const run = await fetch(`${base}/api/admin/digests/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ date: today }),
    });
    expect(run.status).toBeLessThan(300);
    const digest = await mailTo(/trending paper/);
    expect(digest.headers['list-unsubscribe']).toMatch(/^<https?:\/\/\S+\/unsubscribe\/\S+>$/);
    expect(digest.text).toMatch(/Why: /);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  }, 120000);
});
