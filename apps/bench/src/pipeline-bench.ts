import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { AppConfig } from '@app/config';
import { aptInstall, findBinary, freePort, startRedisServer, startThrowawayPostgres } from '@app/embedded';
import { DigestRenderer, MailTransport } from '@app/mail';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { digestListId, digestSubject, mailHost, MessageIds } from '@app/delivery';
import { benchPapers } from './matching-bench.js';

/** Enough replayed messages for a steady rate; the ceiling does not depend on the subscriber count. */
const MAX_REPLAY = 10_000;

export interface PipelineResult {
  subscribers: number;
  /** Mean of the replays before and after the end-to-end run. */
  ceilingPerSec: number;
  ceilingBeforePerSec: number;
  ceilingAfterPerSec: number;
  endToEndPerSec: number;
  ratio: number;
  p99LatencyMs: number;
  peakRssMb: number;
  redisUsedMb: number;
  messageKb: number;
  seconds: number;
  /** Deliveries that ended `sent` (the rest would be skipped, failed or unknown). */
  sent: number;
  sink: string;
  /** CPU of this process (user + system) per message: where the worker's time goes compared with the replay. */
  ceilingCpuMs: number;
  endToEndCpuMs: number;
}

interface Sink {
  url: string;
  /** What stands at the far end: the figures depend on it. */
  label: string;
  stop(): void;
}

/**
 * Postfix's smtp-sink (C, its own process) when it is or can be installed, as
 * the performance note asks; otherwise a Node sink in its own process.
 */
async function startSink(): Promise<Sink> {
  let binary = findBinary('smtp-sink', ['/usr/sbin']);
  if (!binary) {
    try {
      aptInstall(['postfix'], "the benchmark's SMTP sink (smtp-sink)", 'the benchmark falls back to a Node sink');
      binary = findBinary('smtp-sink', ['/usr/sbin']);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  if (binary) {
    const port = await freePort();
    const child = spawn(binary, ['-u', userInfo().username, `127.0.0.1:${port}`, '1000'], { stdio: 'ignore' });
    await waitForPort(port);
    return { url: `smtp://127.0.0.1:${port}`, label: 'postfix smtp-sink', stop: () => child.kill('SIGTERM') };
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'discard-sink.js'), ['0'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.stdout!.on('data', (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())?.[1]))));
  return { url: `smtp://127.0.0.1:${port}`, label: 'Node smtp-server sink', stop: () => child.kill('SIGTERM') };
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`SMTP sink did not listen on ${port}`);
}

/**
 * End to end in one process tree on loopback: schedule → match → enqueue →
 * render → send → sink, for `subscribers` subscribers (3–10 topics each),
 * against replaying pre-rendered digests of the same size through the same
 * pooled transport (the ceiling), before and after.
 */
export async function runPipeline(repoRoot: string, subscribers: number, options: { ceiling: boolean } = { ceiling: true }): Promise<PipelineResult> {
  const pgServer = await startThrowawayPostgres();
  const redisDir = mkdtempSync(path.join(tmpdir(), 'paperboy-bench-redis-'));
  const redis = await startRedisServer({ dir: redisDir, persistent: false }, 'install redis-server');
  const sink = await startSink();
  const stopServers = async () => {
    sink.stop();
    await redis.stop();
    await pgServer.stop();
    rmSync(redisDir, { recursive: true, force: true });
  };
  // Ctrl-C during a long run must not leave Postgres, Redis and the sink running.
  const onSignal = () => void stopServers().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const today = new Date().toISOString().slice(0, 10);
  try {
    const config = AppConfig.fromEnv({
      DATABASE_URL: pgServer.url,
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      // Production mode refuses published secrets.
      ADMIN_TOKEN: randomBytes(18).toString('base64url'),
      TOKEN_SECRET: randomBytes(32).toString('base64'),
      PUBLIC_URL: 'https://paperboy.example',
      LOG_LEVEL: 'silent',
      INGEST_SOURCES: '',
      DIGEST_CRON: '0 0 1 1 *',
      DIGEST_SEND_RATE: '100000',
      NODE_ENV: 'production',
    });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    const db = new pg.Client({ connectionString: pgServer.url });
    await db.connect();
    const papers = benchPapers(repoRoot).map((p) => ({ ...p, featuredDate: today }));
    for (const p of papers) {
      await db.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes, authors, links) VALUES ($1,$2,$3,'bench',$4,$5,'["Ada Lovelace","Grace Hopper"]',$6)`, [
        p.arxivId, p.title, p.abstract, today, p.upvotes, JSON.stringify({ arxiv: `https://arxiv.org/abs/${p.arxivId}` }),
      ]);
    }
    await db.query(
      `INSERT INTO subscribers (email, email_normalized, status, confirmed_at, max_papers)
       SELECT 'reader' || g || '@example.org', 'reader' || g || '@example.org', 'active', now(), 20 FROM generate_series(1, $1) g`,
      [subscribers],
    );
    // 3–10 topics each, drawn deterministically from the id.
    await db.query(
      `INSERT INTO subscriber_topics (subscriber_id, topic_id)
       SELECT s.id, t.id FROM subscribers s CROSS JOIN LATERAL (
         SELECT id FROM topics ORDER BY md5(s.id::text || topics.slug) LIMIT 3 + (abs(hashtext(s.id::text)) % 8)) t`,
    );

    // Ceiling: the same number of real-size digests, pre-rendered, replayed through the same pooled transport.
    const renderer = new DigestRenderer();
    const sample = papers.slice(0, 20).map((p) => ({ arxivId: p.arxivId, title: p.title, authors: ['Ada Lovelace', 'Grace Hopper'], authorCount: 2, organization: null, arxivDate: null, featuredDate: today, upvotes: p.upvotes, summary: p.abstract, links: { arxiv: `https://arxiv.org/abs/${p.arxivId}` } }));
    await renderer.prepare(sample);
    const rendered = renderer.renderCached({
      editionDate: today,
      papers: sample.map((paper) => ({ paper, reasons: ["'reward model' in title; topic Reward modeling"], feedbackUpUrl: 'https://paperboy.example/feedback/t/p/up', feedbackDownUrl: 'https://paperboy.example/feedback/t/p/down' })),
      manageUrl: 'https://paperboy.example/preferences/t',
      unsubscribeUrl: 'https://paperboy.example/unsubscribe/t',
      viewInBrowserUrl: 'https://paperboy.example/digests/t/d',
      reason: 'You subscribed.',
    });
    const host = mailHost(config.publicUrl);
    // Replayed before and after the end-to-end run, so drift in the shared machine's speed hits both sides alike.
    const replay = async (count: number) => {
      const transport = new MailTransport(sink.url, config.mailFrom);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const inFlight = new Set<Promise<unknown>>();
      for (let i = 0; i < count; i++) {
        // The same headers the worker sends, so only the work before the transport differs.
        const p = transport
          .send({
            to: `reader${i}@example.org`,
            subject: digestSubject(today, 20),
            html: rendered.html,
            text: rendered.text,
            messageId: new MessageIds(config.tokenSecret, host).digest(`replay-${i}`, today),
            date: new Date(),
            listId: digestListId(host),
            listUnsubscribe: { url: 'https://paperboy.example/unsubscribe/t', mail: `mailto:unsubscribe@${host}?subject=t` },
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= 20) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      const used = process.cpuUsage(cpu);
      transport.close();
      return { seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 };
    };
    const replayCount = Math.min(subscribers, MAX_REPLAY);
    const before = options.ceiling ? await replay(replayCount) : null;

    // End to end: an operator's run of today's edition, until every delivery is final.
    let peakRss = process.memoryUsage().rss;
    const queue = app.get<Queue>(getQueueToken('digest'));
    const start = performance.now();
    const e2eCpu = process.cpuUsage();
    await queue.add('plan-edition', { editionDate: today }, { jobId: `bench.${today}` });
    for (;;) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND state <> 'claimed'`, [today]);
      if (rows[0].n >= subscribers) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - start) / 1000;
    const e2eCpuUsed = process.cpuUsage(e2eCpu);
    const latency = await db.query(
      `SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (sent_at - created_at)) * 1000) AS p99, count(*) FILTER (WHERE state = 'sent')::int AS sent
       FROM deliveries WHERE edition_date = $1`,
      [today],
    );
    const after = options.ceiling ? await replay(replayCount) : null;
    const probe = new Redis(redis.url);
    const info = await probe.info('memory');
    await probe.quit();
    const redisUsed = Number(/used_memory_peak:(\d+)/.exec(info)?.[1] ?? 0);
    await db.end();
    await app.close();
    const endToEnd = subscribers / seconds;
    const ceilingOf = (r: { seconds: number } | null) => (r ? replayCount / r.seconds : Number.NaN);
    const ceiling = before && after ? (2 * replayCount) / (before.seconds + after.seconds) : Number.NaN;
    return {
      subscribers,
      ceilingPerSec: ceiling,
      ceilingBeforePerSec: ceilingOf(before),
      ceilingAfterPerSec: ceilingOf(after),
      endToEndPerSec: endToEnd,
      ratio: endToEnd / ceiling,
      p99LatencyMs: Number(latency.rows[0].p99),
      peakRssMb: peakRss / 2 ** 20,
      redisUsedMb: redisUsed / 2 ** 20,
      messageKb: Buffer.byteLength(rendered.html) / 1024,
      seconds,
      sent: Number(latency.rows[0].sent),
      sink: sink.label,
      ceilingCpuMs: before && after ? (before.cpuMs + after.cpuMs) / (2 * replayCount) : Number.NaN,
      endToEndCpuMs: (e2eCpuUsed.user + e2eCpuUsed.system) / 1000 / subscribers,
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopServers();
  }
}
