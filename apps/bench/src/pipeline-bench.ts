import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsLocked } from '@app/database';
import { digestListId, digestSubject, mailHost } from '@app/delivery';
import { aptInstall, findBinary, freePort, startRedisServer, startThrowawayPostgres } from '@app/embedded';
import { DigestRenderer, RawMessageWriter } from '@app/mail';
import { bullPrefix } from '@app/queue';
import { SubscriberLinks } from '@app/subscribers';
import { CPU_STAGES, samplesByStage, topFunctions, type CpuStage } from './cpu-profile-stages.js';
import { benchPapers } from './matching-bench.js';
import { pidListeningOn, processTree, rssMb, treeCpuMs } from './process-stats.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Enough replayed messages for a steady rate; the ceiling does not depend on the subscriber count. */
const MAX_REPLAY = 10_000;
const PUBLIC_URL = 'https://paperboy.example';
const FROM = 'Paperboy <digest@paperboy.example>';

export interface PipelineOptions {
  subscribers: number;
  /** Replays before and after, and the C ceiling. */
  ceiling: boolean;
  workerProcesses: number;
  batchSize: number;
  smtpPoolSize: number;
  batchConcurrency: number;
  shards: number;
  /** Profile the worker processes to split their CPU by stage. */
  profile: boolean;
  /** --max-old-space-size of each worker process (MB), when set. */
  workerHeapMb?: number;
}

export const defaultPipelineOptions = (subscribers: number): PipelineOptions => ({
  subscribers,
  ceiling: true,
  workerProcesses: cpus().length,
  batchSize: 500,
  smtpPoolSize: 8,
  batchConcurrency: 2,
  shards: 4,
  profile: true,
});

export interface PipelineResult {
  subscribers: number;
  workerProcesses: number;
  batchSize: number;
  smtpPoolSize: number;
  /** Same-transport replay (pre-built digests through the worker's MailTransport, as many processes and connections): mean of before and after. */
  ceilingPerSec: number;
  ceilingBeforePerSec: number;
  ceilingAfterPerSec: number;
  /** postfix smtp-source replaying the same message to the same sink over as many connections: the machine's limit. */
  cCeilingPerSec: number;
  endToEndPerSec: number;
  /** End to end ÷ same-transport replay. */
  ratio: number;
  /** End to end ÷ C ceiling. */
  cRatio: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  /** Largest resident set of one worker process, and of all of them together (MB). */
  peakRssMb: number;
  peakRssTotalMb: number;
  redisUsedMb: number;
  messageKb: number;
  seconds: number;
  /** Deliveries that ended `sent`. */
  sent: number;
  sink: string;
  /** CPU per message of the replay processes, and of the worker processes end to end (ms). */
  ceilingCpuMs: number;
  endToEndCpuMs: number;
  /** CPU per digest of the other processes sharing the cores during the end-to-end run (ms). */
  postgresCpuMs: number;
  redisCpuMs: number;
  sinkCpuMs: number;
  /** The worker processes' CPU per digest by stage, from their CPU profiles (ms); empty without profiling. */
  stageCpuMs: Partial<Record<CpuStage, number>>;
  /** With profiling: the functions with the most samples of their own. */
  topFunctions?: Array<{ share: number; frame: string }>;
  /** The statements Postgres spent the most time on during the end-to-end run (pg_stat_statements). */
  topStatements: Array<{ msPerDigest: number; calls: number; rows: number; query: string }>;
}

interface Sink {
  url: string;
  port: number;
  pid: number;
  /** What stands at the far end: the figures depend on it. */
  label: string;
  stop(): void;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
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
  throw new Error(`nothing listens on ${port}`);
}

function smtpTool(name: 'smtp-sink' | 'smtp-source'): string | null {
  let binary = findBinary(name, ['/usr/sbin']);
  if (!binary) {
    try {
      aptInstall(['postfix'], "the benchmark's SMTP sink and C client (smtp-sink, smtp-source)", 'the benchmark falls back to a Node sink and no C ceiling');
      binary = findBinary(name, ['/usr/sbin']);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return binary;
}

/** Postfix's smtp-sink (C, its own process), as the performance note asks; else a Node sink in its own process. */
async function startSink(): Promise<Sink> {
  const binary = smtpTool('smtp-sink');
  const port = await freePort();
  let child: ChildProcess;
  let label: string;
  if (binary) {
    child = spawn(binary, ['-u', userInfo().username, `127.0.0.1:${port}`, '1000'], { stdio: 'ignore' });
    label = 'postfix smtp-sink';
  } else {
    child = fork(path.join(here, 'discard-sink.js'), [String(port)], { stdio: 'ignore' });
    label = 'Node smtp-server sink';
  }
  await waitForPort(port);
  return { url: `smtp://127.0.0.1:${port}`, port, pid: child.pid!, label, stop: () => child.kill('SIGTERM') };
}

/** A digest of the real size and shape (20 papers, real tokens), its encoded body, and the complete message. */
async function sampleDigest(repoRoot: string, today: string) {
  const links = new SubscriberLinks(PUBLIC_URL, randomBytes(32).toString('base64url'));
  const reader = randomUUID();
  const papers = benchPapers(repoRoot)
    .slice(0, 20)
    .map((p) => ({
      arxivId: p.arxivId,
      title: p.title,
      authors: ['Ada Lovelace', 'Grace Hopper'],
      authorCount: 2,
      organization: null,
      arxivDate: null,
      featuredDate: today,
      upvotes: p.upvotes,
      summary: p.abstract,
      links: { arxiv: `https://arxiv.org/abs/${p.arxivId}` },
    }));
  const renderer = new DigestRenderer();
  await renderer.prepare(papers);
  const unsubscribeUrl = links.unsubscribe(reader);
  const digest = {
    editionDate: today,
    papers: papers.map((paper) => {
      const feedback = links.paperFeedbackBase(reader, paper.arxivId);
      return { paper, reasons: ["'reward model' in title and abstract; topic Reward modeling"], feedbackUpUrl: `${feedback}/up`, feedbackDownUrl: `${feedback}/down` };
    }),
    manageUrl: links.manage(reader),
    unsubscribeUrl,
    viewInBrowserUrl: links.viewInBrowser(reader, today),
    reason: 'You get this email because you subscribed to Paperboy with reader@example.org on 2026-11-01 and chose: Reward modeling, RLHF.',
  };
  const encoded = renderer.renderEncoded(digest);
  const listId = digestListId(mailHost(PUBLIC_URL));
  const subject = digestSubject(today, 20);
  const raw = new RawMessageWriter(FROM, listId).write({ to: 'reader@example.org', subject, messageId: `digest.sample@paperboy.example`, date: new Date(), unsubscribeUrl }, encoded);
  return { encoded, raw, listId, subject, unsubscribeUrl, htmlKb: encoded.htmlBytes / 1024 };
}

/** W replay processes in parallel, as many as the worker has, each with the worker's pool. */
async function replay(sinkUrl: string, total: number, processes: number, pool: number, bodyFile: string): Promise<{ perSec: number; cpuMsPerMessage: number }> {
  const share = Math.ceil(total / processes);
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: processes }, async () => {
      const { stdout } = await run(process.execPath, [path.join(here, 'replay.js'), sinkUrl, String(share), String(pool), bodyFile], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout) as { seconds: number; cpuMs: number };
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSec: (share * processes) / seconds, cpuMsPerMessage: results.reduce((s, r) => s + r.cpuMs, 0) / (share * processes) };
}

/** postfix's smtp-source sending the same message file over `sessions` kept-open connections. */
async function cCeiling(sinkPort: number, count: number, sessions: number, messageFile: string): Promise<number> {
  const binary = smtpTool('smtp-source');
  if (!binary) return Number.NaN;
  const started = performance.now();
  await run(binary, ['-d', '-s', String(sessions), '-m', String(count), '-F', messageFile, '-f', 'digest@paperboy.example', '-t', 'reader@example.org', `127.0.0.1:${sinkPort}`]);
  return count / ((performance.now() - started) / 1000);
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : Number.NaN);

/**
 * End to end on loopback, everything on this machine's cores: Postgres, Redis, postfix's smtp-sink
 * and WORKER_PROCESSES real worker processes (the production entry point under its supervisor).
 * An operator's run of today's edition for `subscribers` readers (3–10 topics each) is timed from
 * the plan job to the last final delivery, against two ceilings measured in the same run.
 */
export async function runPipeline(repoRoot: string, options: PipelineOptions): Promise<PipelineResult> {
  const work = mkdtempSync(path.join(tmpdir(), 'paperboy-bench-'));
  // pg_stat_statements says which statements the Postgres time per digest goes to.
  const pgServer = await startThrowawayPostgres(['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']);
  const redis = await startRedisServer({ dir: path.join(work, 'redis'), persistent: false }, 'install redis-server');
  const sink = await startSink();
  let workers: ChildProcess | null = null;
  const stopServers = async () => {
    workers?.kill('SIGKILL');
    sink.stop();
    await redis.stop();
    await pgServer.stop();
    rmSync(work, { recursive: true, force: true });
  };
  // Ctrl-C during a long run must not leave Postgres, Redis, the sink or the workers running.
  const onSignal = () => void stopServers().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const today = new Date().toISOString().slice(0, 10);
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  try {
    const db = new DataSource(dataSourceOptions({ url: pgServer.url, poolSize: 2 }));
    await db.initialize();
    await runMigrationsLocked(db);
    await db.destroy();
    const client = new pg.Client({ connectionString: pgServer.url });
    await client.connect();
    for (const p of benchPapers(repoRoot)) {
      await client.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes, authors, links) VALUES ($1,$2,$3,'bench',$4,$5,'["Ada Lovelace","Grace Hopper"]',$6)`, [
        p.arxivId,
        p.title,
        p.abstract,
        today,
        p.upvotes,
        JSON.stringify({ arxiv: `https://arxiv.org/abs/${p.arxivId}` }),
      ]);
    }
    await client.query(
      `INSERT INTO subscribers (email, email_normalized, status, confirmed_at, max_papers)
       SELECT 'reader' || g || '@example.org', 'reader' || g || '@example.org', 'active', now(), 20 FROM generate_series(1, $1) g`,
      [options.subscribers],
    );
    // 3–10 topics each, drawn deterministically from the id.
    await client.query(
      `INSERT INTO subscriber_topics (subscriber_id, topic_id)
       SELECT s.id, t.id FROM subscribers s CROSS JOIN LATERAL (
         SELECT id FROM topics ORDER BY md5(s.id::text || topics.slug) LIMIT 3 + (abs(hashtext(s.id::text)) % 8)) t`,
    );
    // Steady state, not a first edition: every reader was sent yesterday's edition and the ones
    // before (their history holds the newest three, 20 papers each).
    await client.query(
      `INSERT INTO reader_history (subscriber_id, last_sent_edition, editions)
       SELECT s.id, $1::date - 1, (SELECT jsonb_object_agg(to_char(($1::date - d), 'YYYY-MM-DD'),
                       jsonb_build_object('sent', true, 'papers', (SELECT jsonb_agg('2610.' || lpad((d * 20 + p)::text, 5, '0')) FROM generate_series(1, 20) p)))
                     FROM generate_series(1, 3) d)
       FROM subscribers s`,
      [today],
    );
    await client.query('VACUUM ANALYZE');
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    const sample = await sampleDigest(repoRoot, today);
    const bodyFile = path.join(work, 'body.json');
    const chunks = (list: Buffer[]) => list.map((c) => c.toString('latin1'));
    writeFileSync(bodyFile, JSON.stringify({ text: chunks(sample.encoded.text), html: chunks(sample.encoded.html), from: FROM, listId: sample.listId, subject: sample.subject, unsubscribeUrl: sample.unsubscribeUrl }));
    const messageFile = path.join(work, 'message.eml');
    writeFileSync(messageFile, sample.raw);
    const replayCount = Math.min(options.subscribers, MAX_REPLAY);
    const connections = options.workerProcesses * options.smtpPoolSize;
    const before = options.ceiling ? await replay(sink.url, replayCount, options.workerProcesses, options.smtpPoolSize, bodyFile) : null;
    const cPerSec = options.ceiling ? await cCeiling(sink.port, replayCount, connections, messageFile) : Number.NaN;

    // End to end: the production worker entry point, WORKER_PROCESSES processes under its supervisor.
    const profileDir = path.join(work, 'profiles');
    const secret = () => randomBytes(32).toString('base64url');
    const nodeArgs = [...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=2000'] : []), ...(options.workerHeapMb ? [`--max-old-space-size=${options.workerHeapMb}`] : [])];
    workers = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'dist/apps/worker/src/main.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: pgServer.url,
        REDIS_URL: redis.url,
        SMTP_URL: sink.url,
        MAIL_FROM: FROM,
        ADMIN_TOKEN: secret(),
        TOKEN_SECRET: secret(),
        PUBLIC_URL: PUBLIC_URL,
        LOG_LEVEL: 'warn',
        INGEST_SOURCES: '',
        DIGEST_CRON: '0 0 1 1 *',
        DIGEST_SEND_RATE: '100000',
        QUEUE_PREFIX: prefix,
        WORKER_PROCESSES: String(options.workerProcesses),
        DIGEST_BATCH_SIZE: String(options.batchSize),
        DIGEST_BATCH_CONCURRENCY: String(options.batchConcurrency),
        DIGEST_QUEUE_SHARDS: String(options.shards),
        SMTP_POOL_SIZE: String(options.smtpPoolSize),
        DATABASE_POOL_SIZE: '8',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      workers!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/supervisor started|worker started/.test(output) && (options.workerProcesses === 1 || /supervisor started/.test(output))) resolve();
      });
      workers!.once('exit', (code) => reject(new Error(`the worker exited (${code}) before starting:\n${output}`)));
    });
    const postgresPid = pidListeningOn(pgServer.port);
    const workerPid = workers.pid!;
    const cpuOf = () => ({ workers: treeCpuMs(workerPid), postgres: postgresPid ? treeCpuMs(postgresPid) : 0, redis: treeCpuMs(redis.pid), sink: treeCpuMs(sink.pid) });

    const queue = new Queue('digest', { connection: { url: redis.url }, prefix: bullPrefix(prefix) });
    await client.query('SELECT pg_stat_statements_reset()');
    const profileWindow = { from: process.hrtime.bigint() / 1000n, to: 0n };
    const cpuBefore = cpuOf();
    let peakRss = 0;
    let peakRssTotal = 0;
    const start = performance.now();
    await queue.add('plan-edition', { editionDate: today }, { jobId: `bench.${today}` });
    for (;;) {
      const sizes = processTree(workerPid).slice(1).map(rssMb);
      peakRss = Math.max(peakRss, ...sizes);
      peakRssTotal = Math.max(peakRssTotal, sizes.reduce((a, b) => a + b, 0));
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE state NOT IN ('queued', 'claimed'))::int AS done, count(*)::int AS total FROM deliveries WHERE edition_date = $1`,
        [today],
      );
      if (rows[0].total >= options.subscribers && rows[0].done >= rows[0].total) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const seconds = (performance.now() - start) / 1000;
    const cpuAfter = cpuOf();
    profileWindow.to = process.hrtime.bigint() / 1000n;
    const statements = await client.query<{ query: string; calls: string; ms: number; rows: string }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 120) AS query, calls, total_exec_time + total_plan_time AS ms, rows
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 12`,
    );
    await queue.close();
    const probe = new Redis(redis.url);
    const redisUsed = Number(/used_memory_peak:(\d+)/.exec(await probe.info('memory'))?.[1] ?? 0);
    await probe.quit();
    const latency = await client.query<{ ms: number; sent: boolean }>(
      `SELECT extract(epoch FROM (sent_at - created_at)) * 1000 AS ms, state = 'sent' AS sent FROM deliveries WHERE edition_date = $1 AND sent_at IS NOT NULL ORDER BY 1`,
      [today],
    );
    const latencies = latency.rows.map((r) => Number(r.ms));
    const sent = (await client.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = $1 AND state = 'sent'`, [today])).rows[0].n as number;
    await client.end();

    // Stop the workers gracefully: that is when each writes its CPU profile.
    const stopped = new Promise((resolve) => workers!.once('exit', resolve));
    workers.kill('SIGTERM');
    await stopped;
    workers = null;
    const after = options.ceiling ? await replay(sink.url, replayCount, options.workerProcesses, options.smtpPoolSize, bodyFile) : null;

    const perDigest = (ms: number) => ms / options.subscribers;
    const workerCpu = cpuAfter.workers - cpuBefore.workers;
    const stageCpuMs: Partial<Record<CpuStage, number>> = {};
    if (options.profile) {
      const samples = samplesByStage(profileDir, profileWindow);
      const total = Object.values(samples).reduce((a, b) => a + b, 0);
      for (const stage of CPU_STAGES) stageCpuMs[stage] = total ? perDigest((workerCpu * samples[stage]) / total) : Number.NaN;
    }
    const top = options.profile ? topFunctions(profileDir, profileWindow) : undefined;
    const ceiling = before && after ? (before.perSec + after.perSec) / 2 : Number.NaN;
    const endToEnd = options.subscribers / seconds;
    return {
      subscribers: options.subscribers,
      workerProcesses: options.workerProcesses,
      batchSize: options.batchSize,
      smtpPoolSize: options.smtpPoolSize,
      ceilingPerSec: ceiling,
      ceilingBeforePerSec: before?.perSec ?? Number.NaN,
      ceilingAfterPerSec: after?.perSec ?? Number.NaN,
      cCeilingPerSec: cPerSec,
      endToEndPerSec: endToEnd,
      ratio: endToEnd / ceiling,
      cRatio: endToEnd / cPerSec,
      p50LatencyMs: percentile(latencies, 0.5),
      p99LatencyMs: percentile(latencies, 0.99),
      peakRssMb: peakRss,
      peakRssTotalMb: peakRssTotal,
      redisUsedMb: redisUsed / 2 ** 20,
      messageKb: sample.htmlKb,
      seconds,
      sent,
      sink: sink.label,
      ceilingCpuMs: before && after ? (before.cpuMsPerMessage + after.cpuMsPerMessage) / 2 : Number.NaN,
      endToEndCpuMs: perDigest(workerCpu),
      postgresCpuMs: perDigest(cpuAfter.postgres - cpuBefore.postgres),
      redisCpuMs: perDigest(cpuAfter.redis - cpuBefore.redis),
      sinkCpuMs: perDigest(cpuAfter.sink - cpuBefore.sink),
      stageCpuMs,
      topFunctions: top,
      topStatements: statements.rows.map((r) => ({ msPerDigest: Number(r.ms) / options.subscribers, calls: Number(r.calls), rows: Number(r.rows), query: r.query })),
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopServers();
  }
}
