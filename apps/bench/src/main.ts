// `npm run bench`: measurements side by side in one run, written to BENCHMARKS.md.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarkDigestRendering } from './render-benchmark.js';
import { benchPapers, benchSubscribers, runMatching, type MatchingResult } from './matching-bench.js';
import { defaultPipelineOptions, runPipeline, type PipelineOptions, type PipelineResult } from './pipeline-bench.js';
import { CPU_STAGES } from './cpu-profile-stages.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(runs: MatchingResult[]): MatchingResult {
  const sorted = [...runs].sort((a, b) => a.rankingMs - b.rankingMs);
  return sorted[Math.floor(sorted.length / 2)];
}

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

/** The pipeline options of this command line: `--subscribers= --processes= --batch= --pool= --batch-concurrency= --shards= --no-ceiling --no-profile`. */
function pipelineOptions(subscribers: number): PipelineOptions {
  const defaults = defaultPipelineOptions(subscribers);
  const num = (name: string, fallback: number) => (flag(name) === undefined ? fallback : Number(flag(name)));
  return {
    subscribers,
    ceiling: !process.argv.includes('--no-ceiling'),
    profile: !process.argv.includes('--no-profile'),
    workerProcesses: num('processes', defaults.workerProcesses),
    batchSize: num('batch', defaults.batchSize),
    smtpPoolSize: num('pool', defaults.smtpPoolSize),
    batchConcurrency: num('batch-concurrency', defaults.batchConcurrency),
    shards: num('shards', defaults.shards),
    workerHeapMb: flag('worker-heap-mb') === undefined ? undefined : Number(flag('worker-heap-mb')),
  };
}

/** `--pipeline-only --subscribers=N [options]`: one end-to-end run, printed, BENCHMARKS.md untouched (for tuning and profiling). */
async function pipelineOnly(): Promise<void> {
  const n = Number(flag('subscribers') ?? 10_000);
  process.stdout.write(`${JSON.stringify(await runPipeline(repoRoot, pipelineOptions(n)), null, 2)}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--pipeline-only')) return pipelineOnly();
  // End to end first, in a fresh process, so its peak RSS is the worker's and not the matching rounds' data.
  // End to end through Postgres, Redis, the worker and a loopback SMTP sink. `npm run bench -- --full` adds 100k.
  const pipelineSizes = process.argv.includes('--full') ? [10_000, 100_000] : [10_000];
  const pipeline: PipelineResult[] = [];
  // The 10k run is profiled to split the workers' CPU by stage; the 100k one runs without the profiler.
  for (const n of pipelineSizes) pipeline.push(await runPipeline(repoRoot, { ...pipelineOptions(n), profile: n === pipelineSizes[0] && !process.argv.includes('--no-profile') }));
  const papers = benchPapers(repoRoot);
  const sizes = [10_000, 100_000];
  const results: MatchingResult[] = [];
  // Warm up the JIT, then interleave sizes so machine noise hits both alike.
  runMatching(papers, benchSubscribers(2_000));
  const runsBySize = new Map<number, MatchingResult[]>(sizes.map((n) => [n, []]));
  const subscribersBySize = new Map(sizes.map((n) => [n, benchSubscribers(n)]));
  for (let round = 0; round < 3; round++) {
    for (const n of sizes) runsBySize.get(n)!.push(runMatching(papers, subscribersBySize.get(n)!));
  }
  for (const n of sizes) results.push(median(runsBySize.get(n)!));
  const [small, large] = results;
  // The straightforward ranker (a candidate object per paper per subscriber), once at 10k, for comparison.
  const reference = runMatching(papers, subscribersBySize.get(sizes[0])!, 'reference');
  const growth = large.rankingMs / small.rankingMs;
  const perSub = large.perSubscriberUs;

  const rows = [
    '| Matching (500 papers, 21 topics, 3–10 topics and 0–3 keywords per subscriber, 20 papers each) | 10k subscribers | 100k subscribers |',
    '| --- | ---: | ---: |',
    `| Index + score every topic and distinct keyword once (ms) | ${fmt(small.scoringMs)} | ${fmt(large.scoringMs)} |`,
    `| Rank every subscriber with the ranking table, as the worker does (ms) | ${fmt(small.rankingMs)} | ${fmt(large.rankingMs)} |`,
    `| Same with the reference ranker, rankForSubscriber (ms) | ${fmt(reference.rankingMs)} | |`,
    `| Per subscriber (µs) | ${fmt(small.perSubscriberUs)} | ${fmt(large.perSubscriberUs)} |`,
    `| Peak heap above the start, garbage included (MB) | ${fmt(small.heapDeltaMb)} | ${fmt(large.heapDeltaMb)} |`,
    `| Heap kept by the run after a full GC: index, scores, table (MB) | ${fmt(small.heapRetainedMb)} | ${fmt(large.heapRetainedMb)} |`,
    `| Papers chosen (total) | ${small.papersChosen.toLocaleString('en-US')} | ${large.papersChosen.toLocaleString('en-US')} |`,
  ];
  const summary = [
    `- Growth T(100k) / T(10k) for ranking: **${fmt(growth, 2)}×** for 10× the subscribers (linear would be 10×).`,
    `- Projection at ${fmt(perSub)} µs per subscriber on one core: 1M subscribers ≈ ${fmt((perSub * 1e6) / 1e6 / 60, 1)} min, 10M ≈ ${fmt((perSub * 1e7) / 1e6 / 60, 1)} min of matching CPU (split across workers).`,
    `- The ranking table (identical results, property-tested) takes **${fmt(small.rankingMs / reference.rankingMs, 2)}×** the reference ranker's time at 10k.`,
    '- Scoring cost does not depend on the number of subscribers: each topic and each distinct keyword is searched once per run.',
  ];
  const render = await benchmarkDigestRendering(300);
  const renderRows = [
    `| Rendering one digest (${render.papersPerDigest} papers, HTML + text, NODE_ENV=${render.nodeEnv}) | ms per digest | vs string template |`,
    '| --- | ---: | ---: |',
    `| react-email, full render | ${fmt(render.fullMs, 2)} | ${fmt(render.fullMs / render.baselineMs, 2)}× |`,
    `| Cached fragments (what the worker uses; output byte-identical: ${render.cachedIdentical ? 'yes' : 'NO'}) | ${fmt(render.cachedMs, 2)} | **${fmt(render.cachedMs / render.baselineMs, 2)}×** |`,
    `| Plain string template (baseline, same HTML: ${render.baselineIdentical ? 'yes' : 'NO'}) | ${fmt(render.baselineMs, 2)} | 1.00× |`,
    `| Once per run: preparing ${render.poolPapers} paper fragments (ms) | ${fmt(render.prepareMs, 1)} | |`,
  ];
  const renderSummary = [`- Largest HTML: ${(render.maxHtmlBytes / 1024).toFixed(1)} KB (Gmail clips above ~102 KB). Goal: cached ≤ 2× the string template.`];
  const cols = (f: (p: PipelineResult) => string) => pipeline.map(f).join(' | ');
  const projection = (perSec: number, n: number) => (n / perSec < 3600 ? `${fmt(n / perSec / 60, 0)} min` : `${fmt(n / perSec / 3600, 1)} h`);
  const pipelineRows = [
    '| End to end: plan → claim → rank → render → MIME → SMTP → record, to postfix smtp-sink | ' + pipeline.map((p) => `${p.subscribers.toLocaleString('en-US')} subscribers`).join(' | ') + ' |',
    '| --- |' + pipeline.map(() => ' ---: |').join(''),
    `| Worker processes × SMTP connections each; batch size | ${cols((p) => `${p.workerProcesses} × ${p.smtpPoolSize}; ${p.batchSize}`)} |`,
    `| **End to end (digests/s)** — goal ≥ 555 | ${cols((p) => `**${fmt(p.endToEndPerSec)}**`)} |`,
    `| Same-transport replay: pre-built digests, the worker's MailTransport, as many processes and connections; mean of before / after (msg/s) | ${cols((p) => `${fmt(p.ceilingPerSec)} (${fmt(p.ceilingBeforePerSec, 0)} / ${fmt(p.ceilingAfterPerSec, 0)})`)} |`,
    `| C ceiling: postfix smtp-source, same message, same sink, as many connections (msg/s) | ${cols((p) => fmt(p.cCeilingPerSec))} |`,
    `| **End to end ÷ same-transport replay** — goal ≥ 0.7 | ${cols((p) => `**${fmt(p.ratio, 2)}**`)} |`,
    `| End to end ÷ C ceiling | ${cols((p) => fmt(p.cRatio, 2))} |`,
    `| Projection: 1M / 10M subscribers at this rate | ${cols((p) => `${projection(p.endToEndPerSec, 1e6)} / ${projection(p.endToEndPerSec, 1e7)}`)} |`,
    `| Digests delivered (state \`sent\`) | ${cols((p) => p.sent.toLocaleString('en-US'))} |`,
    `| CPU per digest: worker processes end to end / replay processes (ms) | ${cols((p) => `${fmt(p.endToEndCpuMs, 2)} / ${fmt(p.ceilingCpuMs, 2)}`)} |`,
    `| CPU per digest of the other processes on the same cores: Postgres / Redis / sink (ms) | ${cols((p) => `${fmt(p.postgresCpuMs, 2)} / ${fmt(p.redisCpuMs, 2)} / ${fmt(p.sinkCpuMs, 2)}`)} |`,
    ...CPU_STAGES.map((stage) => `| … worker CPU per digest: ${stage} (ms, from CPU profiles) | ${cols((p) => (p.stageCpuMs[stage] === undefined ? '' : fmt(p.stageCpuMs[stage]!, 3)))} |`),
    `| p50 / p99 queued → sent (ms) | ${cols((p) => `${fmt(p.p50LatencyMs, 0)} / ${fmt(p.p99LatencyMs, 0)}`)} |`,
    `| Peak RSS: largest worker process / all worker processes (MB) — goal < 1,024 at 100k | ${cols((p) => `${fmt(p.peakRssMb, 0)} / ${fmt(p.peakRssTotalMb, 0)}`)} |`,
    `| Redis peak memory (MB) | ${cols((p) => fmt(p.redisUsedMb, 1))} |`,
    `| Digest size (KB of HTML) | ${cols((p) => fmt(p.messageKb, 1))} |`,
  ];
  const last = pipeline[pipeline.length - 1];
  const pipelineSummary = [
    '- Everything shares this machine\'s 2 cores: Postgres (throwaway, fsync off), Redis, postfix\'s smtp-sink, and the worker processes (`npm run start:worker`\'s supervisor with WORKER_PROCESSES children). The end-to-end run is an operator\'s run of the edition, timed from the plan job to the last final delivery; each digest is ranked, rendered (cached fragments) and sent as pre-built MIME through nodemailer\'s pool.',
    '- The same-transport replay sends a real digest (same size, headers and tokens) through the same `MailTransport.sendRaw`, in as many processes with as many connections as the workers, before and after the end-to-end run; the C ceiling is postfix\'s `smtp-source` sending the same message file to the same sink over as many kept-open connections.',
    '- Stage CPU comes from the worker processes\' CPU profiles (sampled every 2 ms), scaled to their measured CPU: `postgres client` is the driver parsing and sending for claims and records alike, `queue` is BullMQ and ioredis, `gc` the garbage collector.',
    `- Projection at ${fmt(last.endToEndPerSec)} digests/s: 1M subscribers ≈ ${projection(last.endToEndPerSec, 1e6)}, 10M ≈ ${projection(last.endToEndPerSec, 1e7)} on this 2-core box; more worker machines add throughput up to what Postgres, Redis and the MTA take (see README, Scaling).`,
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const doc = [
    '# Benchmarks',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}, with \`npm run bench\`.`,
    'Each figure is the median of 3 interleaved rounds in one process; compare ratios, not absolute times (the machine is shared).',
    '',
    '## Matching',
    '',
    ...rows,
    '',
    ...summary,
    '',
    '## Digest pipeline',
    '',
    ...pipelineRows,
    '',
    ...pipelineSummary,
    '',
    '## Rendering',
    '',
    ...renderRows,
    '',
    ...renderSummary,
    '',
  ].join('\n');
  writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), doc);
  process.stdout.write(`${rows.join('\n')}\n\n${summary.join('\n')}\n\n${pipelineRows.join('\n')}\n\n${pipelineSummary.join('\n')}\n\n${renderRows.join('\n')}\n\n${renderSummary.join('\n')}\n\nWrote BENCHMARKS.md\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
