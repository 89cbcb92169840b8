import {
  backgroundSample,
  DEFAULT_KEYWORD_SEMANTICS,
  DEFAULT_SEED_SEMANTICS,
  keywordKey,
  LsaModel,
  PaperIndex,
  RankingTable,
  scoreKeyword,
  scoreKeywordWithMeaning,
  searchTopics,
  seedMatches,
  TOPIC_CATALOG,
  toRelevanceMap,
  trainReaderModel,
  VectorTable,
  type ReaderModelOptions,
  type Relevance,
  type SearchedTopic,
  type SemanticOptions,
} from '../src/index.js';
import { inParts, type Corpus, type CorpusPaper, type Part, type RatingCase } from './corpus.js';
import { meansOf, scoreInterest, type InterestResult, type Means } from './evaluation.js';

/*
 * Evaluations of the reader features of issue 12 on the whole corpus (sample
 * plus synthetic papers, see corpus.ts): paraphrase interests, seed papers,
 * rating lift, relevance thresholds and the all-of-AI catalog per topic.
 */

/** The corpus-trained embedder and every paper's vector, as ingest would have stored them. */
export interface Semantics {
  model: LsaModel;
  vectors: Map<string, Float32Array>;
  table: VectorTable;
}

export function trainSemantics(corpus: Corpus): Semantics {
  const model = LsaModel.train(corpus.papers);
  const vectors = new Map(corpus.papers.map((p) => [p.id, model.embedPaper(p)]));
  return { model, vectors, table: VectorTable.fromMap(vectors) };
}

const catalogQueries = () => TOPIC_CATALOG.map((t) => ({ ...t, id: t.slug }));

function rPrecision(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  return relevant.size === 0 ? 0 : ranked.slice(0, relevant.size).filter((id) => relevant.has(id)).length / relevant.size;
}

const ranked = (scores: ReadonlyMap<string, Relevance>) =>
  [...scores]
    .filter(([, r]) => r.score > 0)
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id);

export interface ParaphraseRow {
  split: 'tuning' | 'held-out';
  interest: string;
  relevant: number;
  /** R-precision of the keyword matched by its words only (scoreKeyword). */
  literal: number;
  /** R-precision with its meaning blended in (scoreKeywordWithMeaning): what readers get. */
  blended: number;
}

export interface ParaphraseResult {
  rows: ParaphraseRow[];
  means: Record<'tuning' | 'held-out', { literal: number; blended: number; count: number }>;
}

/** Every paraphrase interest searched over the whole corpus as one batch, by words and by words plus meaning. */
export function evaluateParaphrases(corpus: Corpus, semantics: Semantics, options: SemanticOptions = DEFAULT_KEYWORD_SEMANTICS): ParaphraseResult {
  const index = PaperIndex.build(corpus.papers);
  const { searched } = searchTopics(index, catalogQueries());
  const rows = corpus.paraphrases.map((c): ParaphraseRow => {
    const relevant = new Set(c.relevant);
    const literal = rPrecision(ranked(scoreKeyword(index, c.interest, searched)), relevant);
    const blended = rPrecision(ranked(scoreKeywordWithMeaning(index, c.interest, searched, { vector: semantics.model.embedText(c.interest), papers: semantics.table, options })), relevant);
    return { split: c.split, interest: c.interest, relevant: relevant.size, literal, blended };
  });
  const mean = (split: ParaphraseRow['split']) => {
    const of = rows.filter((r) => r.split === split);
    const avg = (pick: (r: ParaphraseRow) => number) => (of.length === 0 ? 0 : of.reduce((s, r) => s + pick(r), 0) / of.length);
    return { literal: avg((r) => r.literal), blended: avg((r) => r.blended), count: of.length };
  };
  return { rows, means: { tuning: mean('tuning'), 'held-out': mean('held-out') } };
}

export interface SeedCase {
  split: 'tuning' | 'held-out';
  topic: string;
  seed: string;
  relevant: Set<string>;
}

/**
 * One case per catalog topic with at least 4 labelled papers and a synthetic
 * paper in the part: the first synthetic paper of s1 (tuning) or s2 (held
 * out) is the seed, the topic's other labelled papers are what it should find.
 */
export function seedCases(corpus: Corpus): SeedCase[] {
  const cases: SeedCase[] = [];
  for (const [topic, ids] of corpus.topicLabels) {
    if (ids.size < 4) continue;
    for (const [split, part] of [['tuning', 's1'], ['held-out', 's2']] as const) {
      const seed = [...ids].find((id) => corpus.byId.get(id)!.parts.includes(part));
      if (seed) cases.push({ split, topic, seed, relevant: new Set([...ids].filter((id) => id !== seed)) });
    }
  }
  return cases;
}

export interface SeedRow {
  split: SeedCase['split'];
  topic: string;
  seed: string;
  relevant: number;
  /** Papers the seed made candidates of (above the seed floor). */
  found: number;
  precisionAt5: number;
  rPrecision: number;
}

export function evaluateSeeds(corpus: Corpus, semantics: Semantics, options: SemanticOptions = DEFAULT_SEED_SEMANTICS): { rows: SeedRow[]; means: Record<SeedCase['split'], { precisionAt5: number; rPrecision: number; count: number }> } {
  const rows = seedCases(corpus).map((c): SeedRow => {
    const paper = corpus.byId.get(c.seed)!;
    const order = ranked(seedMatches({ id: c.seed, title: paper.title, vector: semantics.vectors.get(c.seed)! }, semantics.table, options));
    const hits = order.slice(0, 5).filter((id) => c.relevant.has(id)).length;
    return { split: c.split, topic: c.topic, seed: c.seed, relevant: c.relevant.size, found: order.length, precisionAt5: hits / Math.min(5, c.relevant.size), rPrecision: rPrecision(order, c.relevant) };
  });
  const mean = (split: SeedCase['split']) => {
    const of = rows.filter((r) => r.split === split);
    return { precisionAt5: of.reduce((s, r) => s + r.precisionAt5, 0) / of.length, rPrecision: of.reduce((s, r) => s + r.rPrecision, 0) / of.length, count: of.length };
  };
  return { rows, means: { tuning: mean('tuning'), 'held-out': mean('held-out') } };
}

export interface RatingRow {
  split: RatingCase['split'];
  name: string;
  /** Unrated papers of the liked family that the reader's interests reach, and how many moved up. */
  liked: { papers: number; rose: number; meanRankBefore: number; meanRankAfter: number };
  disliked: { papers: number; fell: number; meanRankBefore: number; meanRankAfter: number };
  trainingMs: number;
}

const RATING_DAY = '2026-11-20';
const RATING_NOW = new Date(`${RATING_DAY}T12:00:00Z`);

/**
 * Each case ranks the whole corpus for a reader with the case's topics and
 * keywords, once without ratings and once with a model trained on them; every
 * paper is featured the same day with no upvotes, so trending is equal and only
 * the learned component can move a paper.
 */
export function evaluateRatings(corpus: Corpus, semantics: Semantics, options: Partial<ReaderModelOptions> = {}): RatingRow[] {
  const index = PaperIndex.build(corpus.papers);
  const { searched } = searchTopics(index, catalogQueries());
  const topicScores = new Map(searched.map((t) => [t.id, toRelevanceMap(t.matches)]));
  const table = new RankingTable(corpus.papers.map((p) => ({ paperId: p.id, upvotes: 0, featuredDate: RATING_DAY, withdrawn: false, vector: semantics.vectors.get(p.id) })));
  const keywordScores = new Map<string, Map<string, Relevance>>();
  return corpus.ratings.map((c): RatingRow => {
    for (const keyword of c.keywords) {
      const key = keywordKey(keyword);
      if (!keywordScores.has(key)) keywordScores.set(key, scoreKeywordWithMeaning(index, keyword, searched, { vector: semantics.model.embedText(keyword), papers: semantics.table }));
    }
    const reader = { topicIds: c.topics, keywords: c.keywords, topicScores, keywordScores, from: RATING_DAY, to: RATING_DAY, now: RATING_NOW, alreadySent: new Set<string>(), minUpvotes: 0, maxPapers: corpus.papers.length };
    const rated = new Set([...c.liked, ...c.disliked]);
    const started = performance.now();
    const model = trainReaderModel(
      { liked: c.liked.map((id) => semantics.vectors.get(id)!), disliked: c.disliked.map((id) => semantics.vectors.get(id)!), background: backgroundSample(semantics.table, rated) },
      'lsa',
      options,
    );
    const trainingMs = performance.now() - started;
    const rankOf = (list: Array<{ paperId: string }>) => new Map(list.map((r, i) => [r.paperId, i + 1]));
    const before = rankOf(table.rank(reader));
    const after = rankOf(table.rank({ ...reader, readerModel: model ?? undefined }));
    const moves = (family: readonly string[]) => {
      const watched = family.filter((id) => !rated.has(id) && before.has(id));
      const mean = (ranks: Map<string, number>) => (watched.length === 0 ? 0 : watched.reduce((s, id) => s + ranks.get(id)!, 0) / watched.length);
      return { watched, before: mean(before), after: mean(after), up: watched.filter((id) => after.get(id)! < before.get(id)!).length, down: watched.filter((id) => after.get(id)! > before.get(id)!).length };
    };
    const liked = moves(c.likedFamily);
    const disliked = moves(c.dislikedFamily);
    return {
      split: c.split,
      name: c.name,
      liked: { papers: liked.watched.length, rose: liked.up, meanRankBefore: liked.before, meanRankAfter: liked.after },
      disliked: { papers: disliked.watched.length, fell: disliked.down, meanRankBefore: disliked.before, meanRankAfter: disliked.after },
      trainingMs,
    };
  });
}

export interface CatalogResult {
  name: string;
  parts: readonly Part[];
  papers: number;
  rows: InterestResult[];
  skipped: string[];
  means: { seeded: Means; added: Means; all: Means };
}

/** Every catalog topic over the sample pages and synthetic part of one split, indexed together as one batch. */
export function evaluateCatalog(corpus: Corpus, name: string, parts: readonly Part[]): CatalogResult {
  const papers = inParts(corpus.papers, parts);
  const ids = new Set(papers.map((p) => p.id));
  const index = PaperIndex.build(papers);
  const { searched } = searchTopics(index, catalogQueries());
  const rows: InterestResult[] = [];
  const skipped: string[] = [];
  for (const topic of searched) {
    const relevant = new Set([...(corpus.topicLabels.get(topic.id) ?? [])].filter((id) => ids.has(id)));
    if (relevant.size === 0) skipped.push(topic.id);
    else rows.push(scoreInterest('topic', topic.id, topic.matches.map((m) => m.paperId), relevant));
  }
  const seeded = new Set(TOPIC_CATALOG.slice(0, 21).map((t) => t.slug));
  return {
    name,
    parts,
    papers: papers.length,
    rows,
    skipped,
    means: { seeded: meansOf(rows.filter((r) => seeded.has(r.name))), added: meansOf(rows.filter((r) => !seeded.has(r.name))), all: meansOf(rows) },
  };
}

export interface ThresholdRow {
  level: string;
  threshold: number;
  /** Over every (interest, matched paper) pair of the split: share of matches kept, and precision and recall of what is kept. */
  kept: number;
  precision: number;
  recall: number;
}

/**
 * How the relevance a reader's interest gives a paper separates labelled
 * relevant papers from the rest: every topic and keyword (with meaning) over
 * one split; the pairs a threshold keeps, and how many of them are relevant.
 */
export function relevancePairs(corpus: Corpus, parts: readonly Part[], semantics: Semantics): Array<{ relevance: number; relevant: boolean }> {
  const papers = inParts(corpus.papers, parts);
  const ids = new Set(papers.map((p) => p.id));
  const index = PaperIndex.build(papers);
  const { searched } = searchTopics(index, catalogQueries());
  const vectors = new VectorTable(papers.map((p) => p.id), papers.map((p) => semantics.vectors.get(p.id)!));
  const pairs: Array<{ relevance: number; relevant: boolean }> = [];
  const add = (scores: ReadonlyMap<string, Relevance>, labels: ReadonlySet<string> | undefined) => {
    if (!labels || ![...labels].some((id) => ids.has(id))) return;
    for (const [id, r] of scores) if (r.score > 0) pairs.push({ relevance: r.score, relevant: labels.has(id) });
  };
  for (const topic of searched) add(toRelevanceMap(topic.matches), corpus.topicLabels.get(topic.id));
  for (const [keyword, labels] of corpus.keywordLabels) add(scoreKeywordWithMeaning(index, keyword, searched, { vector: semantics.model.embedText(keyword), papers: vectors }), labels);
  return pairs;
}

export function thresholdRows(pairs: ReadonlyArray<{ relevance: number; relevant: boolean }>, thresholds: Readonly<Record<string, number>>): ThresholdRow[] {
  const relevantTotal = pairs.filter((p) => p.relevant).length;
  return Object.entries(thresholds).map(([level, threshold]) => {
    const kept = pairs.filter((p) => p.relevance > threshold);
    const hits = kept.filter((p) => p.relevant).length;
    return { level, threshold, kept: kept.length / Math.max(1, pairs.length), precision: hits / Math.max(1, kept.length), recall: hits / Math.max(1, relevantTotal) };
  });
}

export type { CorpusPaper, SearchedTopic };
