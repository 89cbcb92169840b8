import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { keywordKey } from './query.js';
import { rankForSubscriber, type RankingCandidate, type Relevance } from './ranking.js';
import { RankingTable, type TablePaper } from './ranking-table.js';

const TOPICS = ['reward-modeling', 'rlhf', 'policy-optimization', 'reasoning-rl', 'agents'];
const KEYWORDS = ['GRPO', 'reward hacking', 'DPO', ' process reward ', 'Kimi'];
const SEEDS = ['2601.00001', '2601.00002', '2601.00003'];
const EXCLUDED = ['survey', 'Diffusion ', 'benchmark'];
const DIMENSIONS = 4;
const vector = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: DIMENSIONS, maxLength: DIMENSIONS }).map((v) => Float32Array.from(v));
const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
// On a minute boundary: the table computes trending per minute, the reference at `now` exactly.
const NOW = new Date('2026-11-20T07:00:00Z');

const relevance = fc.record({ score: fc.oneof(fc.double({ min: 0, max: 1.2, noNaN: true }), fc.constant(0), fc.constant(1)), reasons: fc.array(fc.constantFrom("'GRPO' in title", "'reward' in abstract", 'about RLHF'), { maxLength: 2 }) });

const world = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.record({
      papers: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.record({
            paperId: fc.constant(`2611.${String(i).padStart(5, '0')}`),
            upvotes: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
            featuredDate: fc.option(fc.constantFrom(...DAYS), { nil: null, freq: 8 }),
            withdrawn: fc.boolean(),
            vector: fc.option(vector, { nil: undefined, freq: 6 }),
          }),
        ),
      ),
      topicScores: fc.tuple(...TOPICS.map(() => fc.array(fc.tuple(fc.integer({ min: 0, max: n + 2 }), relevance), { maxLength: n }))),
      keywordScores: fc.tuple(...KEYWORDS.map(() => fc.array(fc.tuple(fc.integer({ min: 0, max: n + 2 }), relevance), { maxLength: n }))),
      seedScores: fc.tuple(...SEEDS.map(() => fc.array(fc.tuple(fc.integer({ min: 0, max: n + 2 }), relevance), { maxLength: n }))),
      excludedPapers: fc.tuple(...EXCLUDED.map(() => fc.array(fc.integer({ min: 0, max: n + 2 }), { maxLength: 4 }))),
      readers: fc.array(
        fc.record({
          topicIds: fc.subarray([...TOPICS, 'unknown-topic']),
          keywords: fc.subarray(KEYWORDS),
          from: fc.constantFrom(...DAYS),
          sent: fc.array(fc.integer({ min: 0, max: n }), { maxLength: 5 }),
          minUpvotes: fc.constantFrom(0, 0, 5, 50),
          maxPapers: fc.integer({ min: 0, max: 12 }),
          liked: fc.array(fc.integer({ min: 0, max: n }), { maxLength: 3 }),
          disliked: fc.array(fc.integer({ min: 0, max: n }), { maxLength: 3 }),
          seedPapers: fc.subarray([...SEEDS, '2601.09999']),
          excludeKeywords: fc.subarray(EXCLUDED),
          relevance: fc.option(fc.constantFrom('strict' as const, 'balanced' as const, 'broad' as const), { nil: undefined }),
          minRelevance: fc.option(fc.constantFrom(0, 0.1, 0.5), { nil: undefined }),
          readerModel: fc.option(fc.record({ weights: vector, bias: fc.double({ min: -2, max: 2, noNaN: true }) }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
  );

const id = (i: number) => `2611.${String(i).padStart(5, '0')}`;
const toScores = (entries: Array<[number, Relevance]>) => new Map(entries.map(([i, r]) => [id(i), r]));
// Any deterministic 0..1 similarity will do: both paths must call it for the same pairs.
const similarity = (a: string, b: string) => ((Number(a.slice(5)) * 7 + Number(b.slice(5)) * 3) % 11) / 10;

describe('RankingTable', () => {
  it('ranks exactly as rankForSubscriber, reasons included, for many readers over one table', () => {
    fc.assert(
      fc.property(world, ({ papers, topicScores, keywordScores, seedScores, excludedPapers, readers }) => {
        const table = new RankingTable(papers as TablePaper[]);
        const topics = new Map(TOPICS.map((t, i) => [t, toScores(topicScores[i])]));
        const keywords = new Map(KEYWORDS.map((k, i) => [keywordKey(k), toScores(keywordScores[i])]));
        const seeds = new Map(SEEDS.map((s, i) => [s, toScores(seedScores[i])]));
        const exclusionMatches = new Map(EXCLUDED.map((k, i) => [keywordKey(k), new Set(excludedPapers[i].map(id))]));
        const topicNames = new Map(TOPICS.map((t) => [t, t.toUpperCase()]));
        for (const reader of readers) {
          const keywordKeys = reader.keywords.map(keywordKey);
          const feedback = reader.liked.length + reader.disliked.length ? { liked: reader.liked.map(id), disliked: reader.disliked.map(id), similarity } : undefined;
          const common = {
            topicIds: reader.topicIds,
            keywords: reader.keywords,
            topicNames,
            now: NOW,
            alreadySent: new Set(reader.sent.map(id)),
            minUpvotes: reader.minUpvotes,
            maxPapers: reader.maxPapers,
            feedback,
            seedPapers: reader.seedPapers,
            excludeKeywords: reader.excludeKeywords,
            relevance: reader.relevance,
            minRelevance: reader.minRelevance,
            readerModel: reader.readerModel,
          };
          // Candidates as rankingCandidates builds them: every interest of the run, shared by all readers.
          const candidates: RankingCandidate[] = papers
            .filter((p) => p.featuredDate !== null && p.featuredDate >= reader.from && p.featuredDate <= '2026-11-20')
            .map((p) => ({
              ...p,
              topics: new Map([...topics].flatMap(([t, scores]) => (scores.has(p.paperId) ? [[t, scores.get(p.paperId)!] as const] : []))),
              keywords: new Map([...keywords].flatMap(([k, scores]) => (scores.has(p.paperId) ? [[k, scores.get(p.paperId)!] as const] : []))),
              seeds: new Map([...seeds].flatMap(([s, scores]) => (scores.has(p.paperId) ? [[s, scores.get(p.paperId)!] as const] : []))),
              exclusions: new Set([...exclusionMatches].filter(([, ids]) => ids.has(p.paperId)).map(([k]) => k)),
            }));
          const expected = rankForSubscriber({ ...common, candidates });
          const actual = table.rank({ ...common, topicScores: topics, keywordScores: keywords, seedScores: seeds, exclusionMatches, from: reader.from, to: '2026-11-20' });
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves its scratch space clean between readers, so one reader never leaks into the next', () => {
    const papers: TablePaper[] = [0, 1, 2].map((i) => ({ paperId: id(i), upvotes: 10, featuredDate: '2026-11-20', withdrawn: false }));
    const table = new RankingTable(papers);
    const topicScores = new Map([['rlhf', toScores([[0, { score: 0.9, reasons: [] }], [1, { score: 0.5, reasons: [] }]])]]);
    const base = { keywords: [], keywordScores: new Map(), now: NOW, alreadySent: new Set<string>(), minUpvotes: 0, maxPapers: 10, from: '2026-11-20', to: '2026-11-20', topicScores };
    const first = table.rank({ ...base, topicIds: ['rlhf'] });
    expect(first.map((r) => r.paperId)).toEqual([id(0), id(1)]);
    expect(table.rank({ ...base, topicIds: [] })).toEqual([]);
    expect(table.rank({ ...base, topicIds: ['rlhf'] })).toEqual(first);
  });
});
