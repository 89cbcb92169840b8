import { keywordKey } from './query.js';
import {
  DEFAULT_RANKING_WEIGHTS,
  DEFAULT_TRENDING_OPTIONS,
  explainRanked,
  feedbackScore,
  learnedFeedback,
  relevanceFloor,
  trendingScore,
  type FeedbackScore,
  type RankedPaper,
  type RankingInput,
  type Relevance,
} from './ranking.js';
import { readerPreference } from './reader-model.js';

export interface TablePaper {
  paperId: string;
  upvotes: number | null;
  /** YYYY-MM-DD */
  featuredDate: string | null;
  withdrawn: boolean;
  /** The paper's stored vector, for readers' learned models. */
  vector?: Float32Array;
}

export interface TableRankingInput extends Omit<RankingInput, 'candidates' | 'weights' | 'trending'> {
  /** Relevance per paper, by topic id and by keywordKey(keyword): the run's shared search results. */
  topicScores: ReadonlyMap<string, ReadonlyMap<string, Relevance>>;
  keywordScores: ReadonlyMap<string, ReadonlyMap<string, Relevance>>;
  /** Relevance per paper by seed paper id (seedMatches), shared like keyword scores. */
  seedScores?: ReadonlyMap<string, ReadonlyMap<string, Relevance>>;
  /** Papers matching each excluded keyword, by keywordKey (keywordExclusions). */
  exclusionMatches?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Featured-date window, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

interface Ranked {
  position: number;
  score: number;
  relevance: number;
  feedback: FeedbackScore;
}

const NO_FEEDBACK: FeedbackScore = Object.freeze({ score: 0, liked: 0, disliked: 0 });

/** One interest's matches as parallel arrays of paper positions and scores. */
interface Postings {
  position: Int32Array;
  score: Float64Array;
}

/**
 * rankForSubscriber for many subscribers over one run's papers, without
 * building a candidate object per paper per subscriber: each interest's
 * matches become typed arrays once, and a subscriber's relevance is
 * accumulated in a reused scratch array, touching only papers that match.
 * Trending is computed once per paper per minute (`now` is rounded down to the
 * minute). Reasons are built only for the papers that make the cut, by the same
 * code as rankForSubscriber; a property test checks both give the same result.
 *
 * Not safe for concurrent use across threads (it has none); calls do not interleave
 * because rank() is synchronous.
 */
export class RankingTable {
  private readonly position = new Map<string, number>();
  private readonly postings = new WeakMap<ReadonlyMap<string, Relevance>, Postings>();
  private readonly excludedPositions = new WeakMap<ReadonlySet<string>, Int32Array>();
  private readonly rest: Float64Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;
  private readonly blocked: Uint8Array;
  private trendingMinute = Number.NaN;
  private readonly trending: Float64Array;

  constructor(private readonly papers: readonly TablePaper[]) {
    papers.forEach((p, i) => this.position.set(p.paperId, i));
    this.rest = new Float64Array(papers.length).fill(1);
    this.seen = new Uint8Array(papers.length);
    this.touched = new Int32Array(papers.length);
    this.blocked = new Uint8Array(papers.length);
    this.trending = new Float64Array(papers.length);
  }

  get size(): number {
    return this.papers.length;
  }

  rank(input: TableRankingInput): RankedPaper[] {
    if (input.maxPapers <= 0) return [];
    const weights = DEFAULT_RANKING_WEIGHTS;
    const minRelevance = relevanceFloor(input);
    const keywordKeys = input.keywords.map(keywordKey);
    const seeds = input.seedPapers ?? [];
    const lists: Postings[] = [];
    for (const id of input.topicIds) {
      const scores = input.topicScores.get(id);
      if (scores) lists.push(this.postingsOf(scores));
    }
    for (const key of keywordKeys) {
      const scores = input.keywordScores.get(key);
      if (scores) lists.push(this.postingsOf(scores));
    }
    for (const seed of seeds) {
      const scores = input.seedScores?.get(seed);
      if (scores) lists.push(this.postingsOf(scores));
    }
    const blockedLists: Int32Array[] = [];
    for (const keyword of input.excludeKeywords ?? []) {
      const matches = input.exclusionMatches?.get(keywordKey(keyword));
      if (matches) blockedLists.push(this.positionsOf(matches));
    }
    const blocked = this.blocked;
    for (const list of blockedLists) for (let i = 0; i < list.length; i++) blocked[list[i]] = 1;

    // Noisy OR, multiplied in the same order as rankForSubscriber (topics, then keywords), so the floats agree exactly.
    const { rest, seen, touched } = this;
    let count = 0;
    for (const list of lists) {
      for (let i = 0; i < list.position.length; i++) {
        const p = list.position[i];
        if (!seen[p]) {
          seen[p] = 1;
          touched[count++] = p;
        }
        rest[p] *= 1 - Math.min(1, list.score[i]);
      }
    }

    const trending = this.trendingAt(input.now);
    const papers = this.papers;
    const byRank = (a: Ranked, b: Ranked) => b.score - a.score || b.relevance - a.relevance || (papers[a.position].paperId < papers[b.position].paperId ? -1 : 1);
    const best: Ranked[] = [];
    for (let t = 0; t < count; t++) {
      const p = touched[t];
      const relevance = 1 - rest[p];
      rest[p] = 1;
      seen[p] = 0;
      const paper = this.papers[p];
      if (blocked[p]) continue;
      if (paper.featuredDate === null || paper.featuredDate < input.from || paper.featuredDate > input.to) continue;
      if (input.alreadySent.has(paper.paperId) || paper.withdrawn || (paper.upvotes ?? 0) < input.minUpvotes) continue;
      if (relevance <= minRelevance || relevance === 0) continue;
      const base = weights.relevance * relevance + weights.trending * trending[p];
      // Feedback adds at most weights.feedback: a paper that cannot reach a full list's last place even so skips the similarity work.
      if ((input.feedback || input.readerModel) && best.length === input.maxPapers && base + weights.feedback < best[best.length - 1].score) continue;
      // The learned preference is a plain number here; its FeedbackScore is built only for papers that make the list.
      const learned = input.readerModel && paper.vector ? readerPreference(input.readerModel, paper.vector) : 0;
      const feedback = input.readerModel ? null : input.feedback ? feedbackScore(paper.paperId, input.feedback) : NO_FEEDBACK;
      const score = base + weights.feedback * (feedback ? feedback.score : learned);
      // Most papers fall short of a full list's last place: skip them before allocating anything.
      if (best.length === input.maxPapers) {
        const last = best[best.length - 1];
        if (score < last.score || (score === last.score && relevance < last.relevance)) continue;
      }
      insertTop(best, { position: p, score, relevance, feedback: feedback ?? learnedFeedback(input.readerModel!, paper.vector) }, input.maxPapers, byRank);
    }

    for (const list of blockedLists) for (let i = 0; i < list.length; i++) blocked[list[i]] = 0;

    return best.map(({ position, score, relevance, feedback }) => {
      const paperId = this.papers[position].paperId;
      const candidate = {
        paperId,
        topics: pickScores(input.topicIds, input.topicScores, paperId),
        keywords: pickScores(keywordKeys, input.keywordScores, paperId),
        seeds: input.seedScores ? pickScores(seeds, input.seedScores, paperId) : undefined,
      };
      return explainRanked(candidate, input, score, relevance, trending[position], feedback);
    });
  }

  /** Table positions of the papers in `ids`, once per set (the run shares each excluded keyword's set). */
  private positionsOf(ids: ReadonlySet<string>): Int32Array {
    let found = this.excludedPositions.get(ids);
    if (!found) {
      found = Int32Array.from([...ids].filter((id) => this.position.has(id)), (id) => this.position.get(id)!);
      this.excludedPositions.set(ids, found);
    }
    return found;
  }

  private postingsOf(scores: ReadonlyMap<string, Relevance>): Postings {
    let found = this.postings.get(scores);
    if (!found) {
      const entries = [...scores].filter(([paperId, r]) => r.score > 0 && this.position.has(paperId));
      found = { position: Int32Array.from(entries, ([paperId]) => this.position.get(paperId)!), score: Float64Array.from(entries, ([, r]) => r.score) };
      this.postings.set(scores, found);
    }
    return found;
  }

  private trendingAt(now: Date): Float64Array {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.trendingMinute) {
      const at = new Date(minute * 60_000);
      this.papers.forEach((p, i) => (this.trending[i] = trendingScore(p, at, DEFAULT_TRENDING_OPTIONS)));
      this.trendingMinute = minute;
    }
    return this.trending;
  }
}

/** Keeps `best` sorted by `compare` and at most `limit` long. */
function insertTop<T>(best: T[], item: T, limit: number, compare: (a: T, b: T) => number): void {
  if (best.length === limit && compare(item, best[limit - 1]) >= 0) return;
  let i = best.length;
  while (i > 0 && compare(item, best[i - 1]) < 0) i--;
  best.splice(i, 0, item);
  if (best.length > limit) best.pop();
}

function pickScores(keys: readonly string[], scores: ReadonlyMap<string, ReadonlyMap<string, Relevance>>, paperId: string): Map<string, Relevance> {
  const found = new Map<string, Relevance>();
  for (const key of keys) {
    const relevance = scores.get(key)?.get(paperId);
    if (relevance) found.set(key, relevance);
  }
  return found;
}
