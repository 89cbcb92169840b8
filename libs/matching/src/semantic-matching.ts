import type { Relevance } from './ranking.js';
import type { VectorTable } from './vectors.js';

/*
 * Relevance from meaning rather than words: an interest's vector against the
 * stored paper vectors (see embedder.ts, lsa.ts). Computed once per distinct
 * interest (keyword or seed paper) per run, like a keyword search, so a reader
 * only looks results up.
 *
 *   semantic(p) = weight · min(1, (cos(interest, p) − floor) / (ceiling − floor))   when cos > floor
 *
 * for the `limit` closest papers only. A paper closer than `floor` counts for
 * nothing (every two AI abstracts share some meaning); one at `ceiling` or
 * closer gets the full `weight`.
 */

export interface SemanticOptions {
  /** Cosine at or below which a paper is unrelated. */
  floor: number;
  /** Cosine from which a paper counts fully. */
  ceiling: number;
  /** The most relevance meaning alone can give. */
  weight: number;
  /**
   * At most this many papers, the closest: meaning ranks the first few well
   * and the tail is noise, and every match is work for each reader who has
   * the interest.
   */
  limit: number;
}

/**
 * For keywords. The weight keeps a paper found by meaning alone below one
 * that uses the reader's words (a typical literal match scores 0.6–0.9), like
 * a borrowed topic (BORROWED_TOPIC_WEIGHT). Floor and ceiling were chosen on
 * the tuning paraphrase and keyword cases (README, "Meaning beyond words").
 */
export const DEFAULT_KEYWORD_SEMANTICS: Readonly<SemanticOptions> = { floor: 0.3, ceiling: 0.85, weight: 0.45, limit: 30 };

/** For seed papers: a paper is compared with a whole paper, so the bar is higher and the match can count fully. */
export const DEFAULT_SEED_SEMANTICS: Readonly<SemanticOptions> = { floor: 0.45, ceiling: 0.9, weight: 0.8, limit: 20 };

/** Relevance of every paper in `papers` that is close in meaning to `interest`; `reason` is the evidence shown. */
export function semanticMatches(interest: Float32Array, reason: string, papers: VectorTable, options: SemanticOptions, exclude?: string): Map<string, Relevance> {
  const similarities = papers.similarities(interest);
  const close: number[] = [];
  for (let i = 0; i < similarities.length; i++) if (similarities[i] > options.floor && papers.ids[i] !== exclude) close.push(i);
  close.sort((a, b) => similarities[b] - similarities[a] || (papers.ids[a] < papers.ids[b] ? -1 : 1));
  const span = Math.max(options.ceiling - options.floor, Number.EPSILON);
  const found = new Map<string, Relevance>();
  for (const i of close.slice(0, options.limit)) found.set(papers.ids[i], { score: options.weight * Math.min(1, (similarities[i] - options.floor) / span), reasons: [reason] });
  return found;
}

/** The reason shown for a paper found by meaning: `close in meaning to 'opinion mining'`. */
export function closeInMeaning(keyword: string): string {
  return `close in meaning to '${keyword.replace(/\s+/g, ' ').trim()}'`;
}

/**
 * A keyword's relevance from its words (scoreKeyword: BM25F and the topics it
 * names) and from its meaning. Meaning only adds papers the words did not
 * find: a paper that uses the reader's words keeps exactly the relevance and
 * order it had, so adding meaning never reorders literal matches (which is
 * what keeps keyword precision), and papers found by meaning alone slot in
 * by their semantic relevance, with the reason `close in meaning to '…'`.
 */
export function blendRelevance(literal: ReadonlyMap<string, Relevance>, semantic: ReadonlyMap<string, Relevance>): Map<string, Relevance> {
  const blended = new Map<string, Relevance>(literal);
  for (const [paperId, meaning] of semantic) if (!blended.has(paperId)) blended.set(paperId, meaning);
  return blended;
}

/** A paper the reader gave as an example of what they want (or rated 👍). */
export interface SeedPaper {
  id: string;
  title: string;
  vector: Float32Array;
}

/** The reason shown for a paper found through a seed: `like 'Deep RL from human preferences' you liked`. */
export function likeSeed(title: string): string {
  const short = title.replace(/\s+/g, ' ').trim();
  return `like '${short.length > 80 ? `${short.slice(0, 79)}…` : short}' you liked`;
}

/** Papers close to a seed paper (never the seed itself), with the seed named as the reason. Once per distinct seed per run. */
export function seedMatches(seed: SeedPaper, papers: VectorTable, options: SemanticOptions = DEFAULT_SEED_SEMANTICS): Map<string, Relevance> {
  return semanticMatches(seed.vector, likeSeed(seed.title), papers, options, seed.id);
}
