import { keywordKey } from './query.js';
import { readerPreference, type ReaderModel } from './reader-model.js';

/*
 * Orders one subscriber's papers from relevance already computed per topic
 * and per keyword (see interest-matching.ts), so the cost per subscriber is a
 * few map look-ups per candidate, never a search.
 *
 *   score = w.relevance · relevance + w.trending · trending + w.feedback · feedback
 *
 *   relevance = 1 − Π(1 − r_i) over the subscriber's topics and keywords the
 *               paper matches (r_i in 0..1): a "noisy OR", so one strong match
 *               counts nearly fully and each further interest adds a little.
 *   trending  = recency · (1 + popularity) / 2, where
 *               popularity = min(1, ln(1 + upvotes) / ln(1 + upvoteSaturation))
 *               recency    = 0.5 ^ (days since featured / halfLifeDays)
 *               A paper featured today with no upvotes scores 0.5; one with
 *               upvoteSaturation upvotes scores 1; both halve every half-life.
 *   feedback  = the reader's learned preference (reader-model.ts), in −1..1,
 *               when they have a model; otherwise max similarity to a liked
 *               paper − max similarity to a disliked paper (nearest neighbour,
 *               so likes in one area are not diluted by likes in another).
 *
 * The reader's interests are catalog topics, keywords (matched by words and
 * by meaning, see semantic-matching.ts) and seed papers (papers close to
 * papers they liked). Papers matching an excluded keyword never appear, and
 * the relevance level sets the bar a paper must clear (RELEVANCE_THRESHOLDS).
 */

export interface Relevance {
  /** 0..1 */
  score: number;
  /** Evidence, strongest first, e.g. `'reward model' in title`. */
  reasons: readonly string[];
}

export interface RankingCandidate {
  paperId: string;
  upvotes: number | null;
  /** YYYY-MM-DD */
  featuredDate: string | null;
  withdrawn: boolean;
  /** By topic id; only topics the paper matches. */
  topics: ReadonlyMap<string, Relevance>;
  /** By keywordKey(keyword); only keywords the paper matches. */
  keywords: ReadonlyMap<string, Relevance>;
  /** By seed paper id; only seeds the paper is close to (seedMatches). */
  seeds?: ReadonlyMap<string, Relevance>;
  /** keywordKey of each excluded keyword the paper matches (keywordExclusions). */
  exclusions?: ReadonlySet<string>;
  /** The paper's stored vector, for the reader's learned model. */
  vector?: Float32Array;
}

/**
 * How clearly a paper must match to be sent. Readers choose; the preferences
 * default is DEFAULT_RELEVANCE_LEVEL. Thresholds on the combined relevance,
 * set from its distribution on the labelled evaluation (README, "Relevance
 * threshold"): strict keeps papers that are clearly about an interest and may
 * leave a digest empty; balanced drops passing mentions; broad keeps every match.
 */
export type RelevanceLevel = 'strict' | 'balanced' | 'broad';

export const RELEVANCE_LEVELS: readonly RelevanceLevel[] = ['strict', 'balanced', 'broad'];

export const RELEVANCE_THRESHOLDS: Readonly<Record<RelevanceLevel, number>> = { strict: 0.6, balanced: 0.2, broad: 0 };

export const DEFAULT_RELEVANCE_LEVEL: RelevanceLevel = 'balanced';

/** The bar for a reader: the higher of their level's threshold and any explicit minimum. */
export function relevanceFloor(input: Pick<RankingInput, 'relevance' | 'minRelevance'>): number {
  return Math.max(input.minRelevance ?? 0, input.relevance ? RELEVANCE_THRESHOLDS[input.relevance] : 0);
}

export interface RankingFeedback {
  liked: readonly string[];
  disliked: readonly string[];
  /** 0..1 between a candidate and a paper the subscriber rated, e.g. tfIdfSimilarity. */
  similarity: (paperId: string, ratedPaperId: string) => number;
}

export interface RankingWeights {
  relevance: number;
  trending: number;
  feedback: number;
}

export interface TrendingOptions {
  halfLifeDays: number;
  upvoteSaturation: number;
}

/** Relevance leads; trending orders among equally relevant papers; feedback nudges. */
export const DEFAULT_RANKING_WEIGHTS: Readonly<RankingWeights> = { relevance: 0.6, trending: 0.25, feedback: 0.15 };

export const DEFAULT_TRENDING_OPTIONS: Readonly<TrendingOptions> = { halfLifeDays: 3, upvoteSaturation: 100 };

export interface RankingInput {
  candidates: readonly RankingCandidate[];
  topicIds: readonly string[];
  keywords: readonly string[];
  /** Display names for reasons ("topic Reward modeling"); the id is shown when missing. */
  topicNames?: ReadonlyMap<string, string>;
  now: Date;
  alreadySent: ReadonlySet<string>;
  /** Papers with fewer upvotes are left out; unknown (null) counts as 0 here only. */
  minUpvotes: number;
  maxPapers: number;
  feedback?: RankingFeedback;
  weights?: Partial<RankingWeights>;
  trending?: Partial<TrendingOptions>;
  /** Papers at or below this relevance are left out; 0 keeps every match. */
  minRelevance?: number;
  /** Threshold level (RELEVANCE_THRESHOLDS); absent = no threshold beyond minRelevance. */
  relevance?: RelevanceLevel;
  /** Ids of papers the reader gave as examples (and rated 👍): each is an interest. */
  seedPapers?: readonly string[];
  /** Papers matching any of these keywords (keywordExclusions) never appear. */
  excludeKeywords?: readonly string[];
  /** The reader's learned model (trainReaderModel); when present it is the feedback component, and `feedback` is not used. */
  readerModel?: Pick<ReaderModel, 'weights' | 'bias'>;
}

export interface RankedPaper {
  paperId: string;
  score: number;
  relevance: number;
  trending: number;
  feedback: number;
  /** e.g. `'reward model' in title; topic Reward modeling` */
  reasons: string[];
}

const DAY_MS = 86_400_000;
const MAX_INTEREST_REASONS = 3;
// Below this a similarity is noise between any two RL papers, not a reason to mention.
const FEEDBACK_REASON_THRESHOLD = 0.2;
// A learned preference this far from 0 is worth telling the reader about.
const PREFERENCE_REASON_THRESHOLD = 0.4;

export function popularity(upvotes: number | null, saturation: number): number {
  if (!upvotes || upvotes <= 0) return 0;
  return Math.min(1, Math.log1p(upvotes) / Math.log1p(Math.max(1, saturation)));
}

export function recency(featuredDate: string | null, now: Date, halfLifeDays: number): number {
  if (!featuredDate) return 0;
  const featured = Date.parse(`${featuredDate}T00:00:00Z`);
  if (Number.isNaN(featured)) return 0;
  const ageDays = Math.max(0, (now.getTime() - featured) / DAY_MS);
  return Math.pow(0.5, ageDays / Math.max(halfLifeDays, Number.EPSILON));
}

export function trendingScore(candidate: Pick<RankingCandidate, 'upvotes' | 'featuredDate'>, now: Date, options: TrendingOptions): number {
  return (recency(candidate.featuredDate, now, options.halfLifeDays) * (1 + popularity(candidate.upvotes, options.upvoteSaturation))) / 2;
}

/** Probabilistic OR of independent pieces of evidence, each in 0..1. */
export function combineRelevance(scores: readonly number[]): number {
  return 1 - scores.reduce((rest, s) => rest * (1 - Math.min(1, Math.max(0, s))), 1);
}

function nearest(paperId: string, rated: readonly string[], similarity: RankingFeedback['similarity']): number {
  let best = 0;
  for (const other of rated) if (other !== paperId) best = Math.max(best, similarity(paperId, other));
  return best;
}

export interface FeedbackScore {
  score: number;
  liked: number;
  disliked: number;
  /** Whether the score is a learned preference (readerModel) rather than nearest-neighbour similarity. */
  learned?: boolean;
}

export function feedbackScore(paperId: string, feedback: RankingFeedback | undefined): FeedbackScore {
  if (!feedback) return { score: 0, liked: 0, disliked: 0 };
  const liked = nearest(paperId, feedback.liked, feedback.similarity);
  const disliked = nearest(paperId, feedback.disliked, feedback.similarity);
  return { score: liked - disliked, liked, disliked };
}

/** The learned component for one paper: the reader model's preference, 0 for a paper without a vector. */
export function learnedFeedback(model: Pick<ReaderModel, 'weights' | 'bias'>, vector: Float32Array | undefined): FeedbackScore {
  return { score: vector ? readerPreference(model, vector) : 0, liked: 0, disliked: 0, learned: true };
}

interface Interest {
  /** Null for a seed: its evidence (`like '…' you liked`) names it. */
  label: string | null;
  relevance: Relevance;
}

type ExplainedInput = Pick<RankingInput, 'topicIds' | 'keywords' | 'topicNames' | 'seedPapers'>;

function interestsOf(candidate: Pick<RankingCandidate, 'topics' | 'keywords' | 'seeds'>, input: ExplainedInput): Interest[] {
  const found: Interest[] = [];
  for (const id of input.topicIds) {
    const relevance = candidate.topics.get(id);
    if (relevance && relevance.score > 0) found.push({ label: `topic ${input.topicNames?.get(id) ?? id}`, relevance });
  }
  for (const keyword of input.keywords) {
    const relevance = candidate.keywords.get(keywordKey(keyword));
    if (relevance && relevance.score > 0) found.push({ label: `keyword "${keyword.trim()}"`, relevance });
  }
  for (const seed of input.seedPapers ?? []) {
    const relevance = candidate.seeds?.get(seed);
    if (relevance && relevance.score > 0) found.push({ label: null, relevance });
  }
  // Stable sort: equal scores keep topics, keywords, seeds order.
  return found.sort((a, b) => b.relevance.score - a.relevance.score);
}

function excluded(candidate: RankingCandidate, input: RankingInput, exclusionKeys: readonly string[]): boolean {
  return (
    input.alreadySent.has(candidate.paperId) ||
    candidate.withdrawn ||
    (candidate.upvotes ?? 0) < input.minUpvotes ||
    (candidate.exclusions !== undefined && exclusionKeys.some((key) => candidate.exclusions!.has(key)))
  );
}

// Trending depends only on the candidate and the run's clock, so it is computed
// once per candidate per run, not once per subscriber.
const trendingCache = new WeakMap<RankingCandidate, { key: string; value: number }>();

function cachedTrending(candidate: RankingCandidate, now: Date, options: TrendingOptions): number {
  const key = `${now.getTime()}|${options.halfLifeDays}|${options.upvoteSaturation}`;
  const hit = trendingCache.get(candidate);
  if (hit && hit.key === key) return hit.value;
  const value = trendingScore(candidate, now, options);
  trendingCache.set(candidate, { key, value });
  return value;
}

/**
 * The subscriber's papers for one digest, best first, at most maxPapers.
 * Scores are plain arithmetic over map look-ups; reasons (strings) are built
 * only for the papers that make the cut, since this runs once per subscriber.
 */
export function rankForSubscriber(input: RankingInput): RankedPaper[] {
  const weights = { ...DEFAULT_RANKING_WEIGHTS, ...input.weights };
  const trendingOptions = { ...DEFAULT_TRENDING_OPTIONS, ...input.trending };
  const minRelevance = relevanceFloor(input);
  if (input.maxPapers <= 0) return [];
  const keywordKeys = input.keywords.map(keywordKey);
  const exclusionKeys = (input.excludeKeywords ?? []).map(keywordKey);
  const seeds = input.seedPapers ?? [];

  const scored: Array<{ candidate: RankingCandidate; score: number; relevance: number; trending: number; feedback: FeedbackScore }> = [];
  for (const candidate of input.candidates) {
    if (excluded(candidate, input, exclusionKeys)) continue;
    let rest = 1;
    for (const id of input.topicIds) {
      const r = candidate.topics.get(id);
      if (r && r.score > 0) rest *= 1 - Math.min(1, r.score);
    }
    for (const key of keywordKeys) {
      const r = candidate.keywords.get(key);
      if (r && r.score > 0) rest *= 1 - Math.min(1, r.score);
    }
    for (const seed of seeds) {
      const r = candidate.seeds?.get(seed);
      if (r && r.score > 0) rest *= 1 - Math.min(1, r.score);
    }
    const relevance = 1 - rest;
    if (relevance <= minRelevance || relevance === 0) continue;
    const trending = cachedTrending(candidate, input.now, trendingOptions);
    const feedback = input.readerModel ? learnedFeedback(input.readerModel, candidate.vector) : feedbackScore(candidate.paperId, input.feedback);
    const score = weights.relevance * relevance + weights.trending * trending + weights.feedback * feedback.score;
    scored.push({ candidate, score, relevance, trending, feedback });
  }
  scored.sort((a, b) => b.score - a.score || b.relevance - a.relevance || (a.candidate.paperId < b.candidate.paperId ? -1 : 1));

  return scored.slice(0, input.maxPapers).map(({ candidate, score, relevance, trending, feedback }) => explainRanked(candidate, input, score, relevance, trending, feedback));
}

/** A chosen paper with its reasons; built only for the papers that make the cut. */
export function explainRanked(
  candidate: Pick<RankingCandidate, 'paperId' | 'topics' | 'keywords' | 'seeds'>,
  input: ExplainedInput,
  score: number,
  relevance: number,
  trending: number,
  feedback: FeedbackScore,
): RankedPaper {
  // Interests backed by the same evidence share one reason: "'GRPO' in title; keyword "GRPO"; topic Policy optimization".
  const reasons: string[] = [];
  let lastEvidence: string | undefined;
  for (const i of interestsOf(candidate, input).slice(0, MAX_INTEREST_REASONS)) {
    const evidence = i.relevance.reasons[0];
    if (i.label === null) {
      if (evidence !== undefined && evidence !== lastEvidence) reasons.push(evidence);
    } else if (evidence !== undefined && evidence === lastEvidence) reasons[reasons.length - 1] += `; ${i.label}`;
    else reasons.push(evidence !== undefined ? `${evidence}; ${i.label}` : i.label);
    lastEvidence = evidence;
  }
  if (feedback.learned) {
    // Only the positive side: most papers sit below 0 for a reader with a model, so "far from" would be noise.
    if (feedback.score >= PREFERENCE_REASON_THRESHOLD) reasons.push('close to papers you rated up');
  } else {
    if (feedback.liked >= FEEDBACK_REASON_THRESHOLD && feedback.score > 0) reasons.push('similar to a paper you liked');
    if (feedback.disliked >= FEEDBACK_REASON_THRESHOLD && feedback.score < 0) reasons.push('similar to a paper you disliked');
  }
  return { paperId: candidate.paperId, score, relevance, trending, feedback: feedback.score, reasons };
}
