// `npm run bench`: measurements side by side in one run, written to BENCHMARKS.md.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarkDigestRendering } from '@app/mail';
import { benchPapers, benchSubscribers, runMatching, type MatchingResult } from './matching-bench.js';
import { runPipeline, type PipelineResult } from './pipeline-bench.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(runs: MatchingResult[]): MatchingResult {
  const sorted = [...runs].sort((a, b) => a.rankingMs - b.rankingMs);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `--pipeline-only --subscribers=N [--no-ceiling]`: one end-to-end run, printed, BENCHMARKS.md untouched (for tuning and profiling). */
async function pipelineOnly(): Promise<void> {
  const n = Number(process.argv.find((a) => a.startsWith('--subscribers='))?.split('=')[1] ?? 10_000);
  process.stdout.write(`${JSON.stringify(await runPipeline(repoRoot, n, { ceiling: !process.argv.includes('--no-ceiling') }), null, 2)}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--pipeline-only')) return pipelineOnly();
  // End to end first, in a fresh process, so its peak RSS is the worker's and not the matching rounds' data.
  // End to end through Postgres, Redis, the worker and a loopback SMTP sink. `npm run bench -- --full` adds 100k.
  const pipelineSizes = process.argv.includes('--full') ? [10_000, 100_000] : [10_000];
  const pipeline: PipelineResult[] = [];
  for (const n of pipelineSizes) pipeline.push(await runPipeline(repoRoot, n));
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
  const pipelineRows = [
    '| End to end: schedule → match → enqueue → render → send → sink | ' + pipeline.map((p) => `${p.subscribers.toLocaleString('en-US')} subscribers`).join(' | ') + ' |',
    '| --- |' + pipeline.map(() => ' ---: |').join(''),
    `| Replay ceiling: pre-rendered digests, same pooled transport, mean of before and after (msg/s) | ${pipeline.map((p) => fmt(p.ceilingPerSec)).join(' | ')} |`,
    `| … replay before / after the end-to-end run (msg/s) | ${pipeline.map((p) => `${fmt(p.ceilingBeforePerSec)} / ${fmt(p.ceilingAfterPerSec)}`).join(' | ')} |`,
    `| SMTP sink (its own process) | ${pipeline.map((p) => p.sink).join(' | ')} |`,
    `| Digests delivered (state \`sent\`) | ${pipeline.map((p) => p.sent.toLocaleString('en-US')).join(' | ')} |`,
    `| End to end (digests/s) | ${pipeline.map((p) => fmt(p.endToEndPerSec)).join(' | ')} |`,
    `| End to end ÷ ceiling (goal ≥ 0.7) | ${pipeline.map((p) => `**${fmt(p.ratio, 2)}**`).join(' | ')} |`,
    `| CPU of the bench process per message: replay / end to end (ms) | ${pipeline.map((p) => `${fmt(p.ceilingCpuMs, 2)} / ${fmt(p.endToEndCpuMs, 2)}`).join(' | ')} |`,
    `| p99 enqueue → sent (ms) | ${pipeline.map((p) => fmt(p.p99LatencyMs, 0)).join(' | ')} |`,
    `| Peak RSS of the bench process running the worker (MB) | ${pipeline.map((p) => fmt(p.peakRssMb, 0)).join(' | ')} |`,
    `| Redis peak memory (MB) | ${pipeline.map((p) => fmt(p.redisUsedMb, 1)).join(' | ')} |`,
    `| Digest size (KB of HTML) | ${pipeline.map((p) => fmt(p.messageKb, 1)).join(' | ')} |`,
  ];
  const last = pipeline[pipeline.length - 1];
  const pipelineSummary = [
    '- The replay sends real-size digests rendered by the same renderer, with the same headers, through the same `MailTransport` (nodemailer pool of 5 connections, 20 messages in flight); the end-to-end run is an operator\'s run of the edition through the worker (`WORKER_CONCURRENCY` 10, pool of 10 Postgres connections). Both run in this one process; Postgres, Redis and the sink share the same 2 cores.',
    '- CPU per message tells where the time goes: the replay\'s is the transport alone; the end-to-end one adds BullMQ, one Postgres statement per digest plus group-committed marks, ranking, rendering and link tokens.',
    `- Projection at ${fmt(last.endToEndPerSec)} digests/s for one worker process: 1M subscribers ≈ ${fmt(1e6 / last.endToEndPerSec / 3600, 1)} h, 10M ≈ ${fmt(1e7 / last.endToEndPerSec / 3600, 1)} h; workers scale out (the send rate is global), so divide by the worker count up to the MTA's ceiling.`,
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
