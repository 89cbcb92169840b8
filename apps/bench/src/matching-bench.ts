import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDailyPapersEntries, type NormalizedPaper } from '@app/ingest';
import { PaperIndex, rankForSubscriber, rankingCandidates, RankingTable, scoreInterests, TOPIC_CATALOG } from '@app/matching';
import { pick, prng } from './prng.js';

export const KEYWORD_POOL = [
  'process reward model', 'GRPO', 'reward hacking', 'LLM-as-a-judge', 'multimodal reasoning', 'code generation', 'diffusion',
  'self-play', 'math reasoning', 'personalized alignment', 'robotics', 'safety', 'DPO', 'PPO', 'verifier', 'tool use', 'agents',
  'chain-of-thought', 'preference data', 'reward shaping', 'exploration', 'entropy', 'off-policy', 'curriculum', 'distillation',
  'video generation', 'web agents', 'theorem proving', 'red teaming', 'jailbreak', 'benchmark', 'long context', 'test-time scaling',
  'world model', 'autonomous driving', 'vision-language', 'critic', 'Bradley-Terry', 'KL regularization', 'best-of-n',
];

export interface BenchSubscriber {
  topicIds: string[];
  keywords: string[];
}

/** 500 papers: the sample set, repeated with fresh ids and re-drawn upvotes. */
export function benchPapers(repoRoot: string, count = 500, seed = 7): NormalizedPaper[] {
  const sample = parseDailyPapersEntries(JSON.parse(readFileSync(path.join(repoRoot, 'libs/ingest/sample/daily-papers-sample.json'), 'utf8'))).papers;
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const base = sample[i % sample.length];
    return { ...base, arxivId: `bench-${i}`, upvotes: Math.floor(random() * random() * 200), featuredDate: '2026-11-20' };
  });
}

export function benchSubscribers(count: number, seed = 11): BenchSubscriber[] {
  const random = prng(seed);
  const slugs = TOPIC_CATALOG.map((t) => t.slug);
  return Array.from({ length: count }, () => ({
    topicIds: pick(random, slugs, 3 + Math.floor(random() * 8)),
    keywords: pick(random, KEYWORD_POOL, Math.floor(random() * 4)),
  }));
}

export interface MatchingResult {
  subscribers: number;
  /** Index + every topic and distinct keyword searched once. */
  scoringMs: number;
  /** Ranking every subscriber. */
  rankingMs: number;
  perSubscriberUs: number;
  papersChosen: number;
  /** Peak heap above the start, garbage included (it depends on when V8 collects). */
  heapDeltaMb: number;
  /** What the run keeps (index, scores, ranking table) after a full collection. */
  heapRetainedMb: number;
}

let kept: unknown[] | null = null;

/** The digest's matching step for `subscribers`, in memory, as the pipeline does it. */
export function runMatching(papers: NormalizedPaper[], subscribers: BenchSubscriber[], ranker: 'table' | 'reference' = 'table'): MatchingResult {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = PaperIndex.build(papers.map((p) => ({ id: p.arxivId, title: p.title, abstract: p.abstract, keywords: p.keywords })));
  const keywords = new Set(subscribers.flatMap((s) => s.keywords));
  const topics = TOPIC_CATALOG.map((t) => ({ id: t.slug, name: t.name, description: t.description, query: t.query }));
  const scores = scoreInterests(index, topics, keywords);
  const table = new RankingTable(papers.map((p) => ({ paperId: p.arxivId, upvotes: p.upvotes, featuredDate: p.featuredDate, withdrawn: false })));
  const candidates = ranker === 'reference' ? rankingCandidates(papers.map((p) => ({ id: p.arxivId, upvotes: p.upvotes, featuredDate: p.featuredDate })), scores) : [];
  const scored = performance.now();
  const now = new Date('2026-11-21T07:00:00Z');
  const topicNames = new Map(TOPIC_CATALOG.map((t) => [t.slug, t.name]));
  const none = new Set<string>();
  let chosen = 0;
  let heapPeak = 0;
  for (let i = 0; i < subscribers.length; i++) {
    const s = subscribers[i];
    const reader = { topicIds: s.topicIds, keywords: s.keywords, topicNames, now, alreadySent: none, minUpvotes: 0, maxPapers: 20 };
    chosen += (
      ranker === 'reference'
        ? rankForSubscriber({ ...reader, candidates })
        : table.rank({ ...reader, topicScores: scores.topics, keywordScores: scores.keywords, from: '0000-01-01', to: '9999-12-31' })
    ).length;
    if ((i & 1023) === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const ranked = performance.now();
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  // Held where the collector cannot free them, so the figure counts what a run keeps.
  kept = [index, scores, table, candidates];
  global.gc?.();
  const heapRetained = process.memoryUsage().heapUsed - heapBefore;
  kept = null;
  return {
    subscribers: subscribers.length,
    scoringMs: scored - started,
    rankingMs: ranked - scored,
    perSubscriberUs: ((ranked - scored) * 1000) / subscribers.length,
    papersChosen: chosen,
    heapDeltaMb: (heapPeak - heapBefore) / 2 ** 20,
    heapRetainedMb: heapRetained / 2 ** 20,
  };
}

