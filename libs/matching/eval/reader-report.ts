import {
  backgroundSample,
  keywordExclusions,
  keywordKey,
  PaperIndex,
  RankingTable,
  RELEVANCE_THRESHOLDS,
  scoreKeywordWithMeaning,
  searchTopics,
  seedMatches,
  TOPIC_CATALOG,
  toRelevanceMap,
  trainReaderModel,
  VectorTable,
  type Relevance,
  type TableRankingInput,
} from '../src/index.js';
import { HELD_OUT_PARTS, TUNING_PARTS, type Corpus } from './corpus.js';
import {
  evaluateCatalog,
  evaluateParaphrases,
  evaluateRatings,
  evaluateSeeds,
  relevancePairs,
  thresholdRows,
  type CatalogResult,
  type ParaphraseResult,
  type RatingRow,
  type Semantics,
} from './reader-evaluation.js';
import { evaluateSplit } from './evaluation.js';
import { evaluateSummaries, SHOWN_CHARS, type SummaryResult } from './summary-evaluation.js';

/** Every figure of the reader evaluation, as run-eval prints them and the spec guards them. */
export interface ReaderFigures {
  keywordsWithMeaning: Record<'tuning' | 'held-out', number>;
  keywordsLiteral: Record<'tuning' | 'held-out', number>;
  paraphrases: ParaphraseResult;
  seeds: ReturnType<typeof evaluateSeeds>;
  ratings: RatingRow[];
  catalog: Record<'tuning' | 'held-out', CatalogResult>;
  thresholds: Record<'tuning' | 'held-out', ReturnType<typeof thresholdRows>>;
  summaries: SummaryResult;
}

export function readerFigures(corpus: Corpus, semantics: Semantics): ReaderFigures {
  const meaning = { model: semantics.model, vectors: semantics.vectors };
  const keywordMean = (split: string, pages: string[], withMeaning: boolean) =>
    evaluateSplit(corpus.sample, split, pages, withMeaning ? { meaning } : {}).means.keywords.precisionAt10;
  return {
    keywordsWithMeaning: { tuning: keywordMean('tuning', ['a', 'b'], true), 'held-out': keywordMean('held-out', ['c'], true) },
    keywordsLiteral: { tuning: keywordMean('tuning', ['a', 'b'], false), 'held-out': keywordMean('held-out', ['c'], false) },
    paraphrases: evaluateParaphrases(corpus, semantics),
    seeds: evaluateSeeds(corpus, semantics),
    ratings: evaluateRatings(corpus, semantics),
    catalog: { tuning: evaluateCatalog(corpus, 'tuning', TUNING_PARTS), 'held-out': evaluateCatalog(corpus, 'held-out', HELD_OUT_PARTS) },
    thresholds: {
      tuning: thresholdRows(relevancePairs(corpus, TUNING_PARTS, semantics), RELEVANCE_THRESHOLDS),
      'held-out': thresholdRows(relevancePairs(corpus, HELD_OUT_PARTS, semantics), RELEVANCE_THRESHOLDS),
    },
    summaries: evaluateSummaries(corpus),
  };
}

const f2 = (n: number) => n.toFixed(2);

export function formatReaderFigures(figures: ReaderFigures, semantics: Semantics): string {
  const out: string[] = [];
  out.push(`Reader features (issue 12), on the sample plus the synthetic papers (${semantics.table.size} papers; LSA ${semantics.model.dimensions} dimensions, ${semantics.model.vocabularySize} terms).`);
  out.push('', 'Keyword cases, mean P@10 (as above), words only → words and meaning:');
  for (const split of ['tuning', 'held-out'] as const) out.push(`  ${split.padEnd(9)} ${f2(figures.keywordsLiteral[split])} → ${f2(figures.keywordsWithMeaning[split])}`);

  out.push('', 'Paraphrase cases (interest words absent from the relevant papers), R-precision, words only → words and meaning:');
  for (const r of figures.paraphrases.rows) out.push(`  ${r.split.padEnd(9)} ${`"${r.interest}"`.padEnd(52)} rel ${String(r.relevant).padStart(2)}  ${f2(r.literal)} → ${f2(r.blended)}`);
  for (const split of ['tuning', 'held-out'] as const) {
    const m = figures.paraphrases.means[split];
    out.push(`  mean, ${split} (${m.count})`.padEnd(66) + `  ${f2(m.literal)} → ${f2(m.blended)}`);
  }

  out.push('', 'Seed-paper cases (one seed per topic and part; the topic\'s other papers are relevant):');
  for (const split of ['tuning', 'held-out'] as const) {
    const m = figures.seeds.means[split];
    out.push(`  ${split.padEnd(9)} ${m.count} cases: P@5 ${f2(m.precisionAt5)}, R-precision ${f2(m.rPrecision)}`);
  }
  const weakest = [...figures.seeds.rows].sort((a, b) => a.precisionAt5 - b.precisionAt5).slice(0, 4);
  out.push(`  weakest: ${weakest.map((r) => `${r.topic} (${r.split}) ${f2(r.precisionAt5)}`).join(', ')}`);

  out.push('', 'Rating-lift cases (unrated papers of each family: how many moved, mean rank without → with the learned model):');
  for (const r of figures.ratings) {
    out.push(`  ${r.split.padEnd(9)} ${r.name}`);
    out.push(`            liked family rose ${r.liked.rose}/${r.liked.papers}, ${r.liked.meanRankBefore.toFixed(1)} → ${r.liked.meanRankAfter.toFixed(1)}; disliked fell ${r.disliked.fell}/${r.disliked.papers}, ${r.disliked.meanRankBefore.toFixed(1)} → ${r.disliked.meanRankAfter.toFixed(1)}; trained in ${r.trainingMs.toFixed(1)} ms`);
  }

  out.push('', 'Catalog, every topic over sample pages and synthetic part together, P@10 (relevant in top 10 / min(10, rel)):');
  const held = new Map(figures.catalog['held-out'].rows.map((r) => [r.name, r]));
  out.push(`  ${'topic'.padEnd(26)} ${'tuning a+b+s1'.padStart(15)} ${'held-out c+s2'.padStart(15)}`);
  for (const r of figures.catalog.tuning.rows) {
    const h = held.get(r.name);
    out.push(`  ${r.name.padEnd(26)} ${`${f2(r.precisionAt10)} (${r.relevant})`.padStart(15)} ${(h ? `${f2(h.precisionAt10)} (${h.relevant})` : '-').padStart(15)}`);
  }
  for (const [label, key] of [['seeded 21', 'seeded'], ['added 19', 'added'], ['all', 'all']] as const) {
    out.push(`  ${`mean, ${label}`.padEnd(26)} ${f2(figures.catalog.tuning.means[key].precisionAt10).padStart(15)} ${f2(figures.catalog['held-out'].means[key].precisionAt10).padStart(15)}`);
  }

  out.push('', 'Relevance threshold: every (interest, matched paper) pair; share kept, and precision and recall of what is kept:');
  for (const split of ['tuning', 'held-out'] as const) {
    for (const r of figures.thresholds[split]) out.push(`  ${split.padEnd(9)} ${r.level.padEnd(9)} > ${r.threshold.toFixed(2)}: kept ${f2(r.kept)}, precision ${f2(r.precision)}, recall ${f2(r.recall)}`);
  }

  out.push('', `Summaries without an AI summary (the ${SHOWN_CHARS} characters shown), share of ${figures.summaries.rows.length} labelled abstracts whose shown text states the contribution:`);
  out.push(`  abstract's opening ${f2(figures.summaries.opening)}; contribution sentences ${f2(figures.summaries.picked)}`);
  return out.join('\n');
}

/**
 * Microseconds per reader for RankingTable over `count` candidate papers:
 * plain readers (3 topics, 2 keywords) and readers using every new feature
 * (plus 2 seed papers, 1 excluded keyword, a learned model, balanced threshold).
 */
export function measureReaderSpeed(corpus: Corpus, semantics: Semantics, count = 500, readers = 2000): { plain: number; full: number; papers: number } {
  const papers = Array.from({ length: count }, (_, i) => {
    const p = corpus.papers[i % corpus.papers.length];
    return { ...p, id: `${p.id}#${Math.floor(i / corpus.papers.length)}` };
  });
  const vectors = new Map(papers.map((p) => [p.id, semantics.model.embedPaper(p)]));
  const vectorTable = VectorTable.fromMap(vectors);
  const index = PaperIndex.build(papers);
  const { searched } = searchTopics(index, TOPIC_CATALOG.map((t) => ({ ...t, id: t.slug })));
  const topicScores = new Map(searched.map((t) => [t.id, toRelevanceMap(t.matches)]));
  const keywords = [...corpus.keywordLabels.keys(), ...corpus.paraphrases.map((c) => c.interest)];
  const keywordScores = new Map<string, Map<string, Relevance>>(
    keywords.map((k) => [keywordKey(k), scoreKeywordWithMeaning(index, k, searched, { vector: semantics.model.embedText(k), papers: vectorTable })]),
  );
  const seeds = papers.filter((_, i) => i % 25 === 0);
  const seedScores = new Map(seeds.map((s) => [s.id, seedMatches({ id: s.id, title: s.title, vector: vectors.get(s.id)! }, vectorTable)]));
  const excluded = ['survey', 'benchmark', 'diffusion'];
  const exclusionMatches = keywordExclusions(index, excluded);
  const table = new RankingTable(papers.map((p) => ({ paperId: p.id, upvotes: 10, featuredDate: '2026-11-20', withdrawn: false, vector: vectors.get(p.id) })));
  const model = trainReaderModel({ liked: seeds.slice(0, 3).map((s) => vectors.get(s.id)!), disliked: seeds.slice(3, 5).map((s) => vectors.get(s.id)!), background: backgroundSample(vectorTable, new Set()) }, 'lsa');
  const topics = TOPIC_CATALOG.map((t) => t.slug);
  const base = { topicScores, keywordScores, seedScores, exclusionMatches, from: '2026-11-14', to: '2026-11-20', now: new Date('2026-11-20T07:00:00Z'), alreadySent: new Set<string>(), minUpvotes: 0, maxPapers: 10 };
  const reader = (i: number, full: boolean): TableRankingInput => ({
    ...base,
    topicIds: [topics[i % topics.length], topics[(i * 7 + 3) % topics.length], topics[(i * 13 + 5) % topics.length]],
    keywords: [keywords[i % keywords.length], keywords[(i * 5 + 1) % keywords.length]],
    ...(full
      ? { seedPapers: [seeds[i % seeds.length].id, seeds[(i * 3 + 1) % seeds.length].id], excludeKeywords: [excluded[i % excluded.length]], readerModel: model ?? undefined, relevance: 'balanced' as const }
      : {}),
  });
  const time = (full: boolean) => {
    for (let i = 0; i < 200; i++) table.rank(reader(i, full));
    const started = process.hrtime.bigint();
    for (let i = 0; i < readers; i++) table.rank(reader(i, full));
    return Number(process.hrtime.bigint() - started) / 1000 / readers;
  };
  return { plain: time(false), full: time(true), papers: count };
}
