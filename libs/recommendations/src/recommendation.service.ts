import { Inject, Injectable } from '@nestjs/common';
import { editionWindow, addDays, FIRST_EDITION_DAYS } from '@app/delivery/rules';
import { PaperRepository, ReaderSnapshots, TopicRepository, type Paper, type ReaderInterestsAndHistory, type ReaderProfile, type Subscriber, type SubscriberInterests, type Topic } from '@app/database';
import {
  keywordKey,
  PaperIndex,
  RankingTable,
  scoreKeyword,
  searchTopics,
  similarityOver,
  tfIdfVectors,
  toRelevanceMap,
  type RankedPaper,
  type Relevance,
  type SearchedTopic,
  type SparseVector,
} from '@app/matching';

/** How far back the index reaches: enough papers for stable word statistics. */
export const INDEX_DAYS = 30;
export { FIRST_EDITION_DAYS };

export interface Recommendation extends RankedPaper {
  paper: Paper;
}

export interface Recommendations {
  /** Featured days the papers were drawn from, inclusive. */
  window: { from: string; to: string };
  papers: Recommendation[];
  /** The interests the papers were ranked for, so callers need not load them again. */
  interests: SubscriberInterests;
}

/**
 * The search work shared by every subscriber: the index over recent papers and
 * each topic's matches, plus each keyword's matches as subscribers bring them.
 * Rebuilt when papers or topics change (checked with one small query).
 */
interface SharedScores {
  version: string;
  recent: Paper[];
  byId: Map<string, Paper>;
  /** Every topic, including one whose query no longer parses (it still names the reader's interest). */
  catalog: Map<string, Topic>;
  /** The catalog by name, sorted once per rebuild rather than once per reader. */
  byName: Topic[];
  topicNames: Map<string, string>;
  index: PaperIndex;
  topics: SearchedTopic[];
  topicScores: Map<string, Map<string, Relevance>>;
  keywordScores: Map<string, Map<string, Relevance>>;
  /** Ranks each subscriber over `recent` without per-subscriber allocations; trending is per minute (it decays over days). */
  table: RankingTable;
  /** TF-IDF vectors of `recent`, for feedback similarity; built when the first reader with feedback comes. */
  vectors?: Map<string, SparseVector>;
}

/** Concurrent digests share one freshness check of the papers and topics within this window. */
const FRESHNESS_CHECK_MS = 250;

/**
 * What one subscriber would get now: papers featured since their last sent
 * edition (or the last few days for a first one), scored against their topics
 * and keywords, blended with trending and their feedback, minus what they
 * already received.
 */
@Injectable()
export class RecommendationService {
  private check: { today: string; at: number; shared: Promise<SharedScores> } | null = null;
  private shared: SharedScores | null = null;

  constructor(
    @Inject(PaperRepository) private readonly papers: PaperRepository,
    @Inject(TopicRepository) private readonly topics: TopicRepository,
    @Inject(ReaderSnapshots) private readonly snapshots: ReaderSnapshots,
  ) {}

  /**
   * `editionDate`: the edition being built, whose own delivery row (a retry's
   * earlier attempt) must neither shrink the window nor exclude its papers.
   */
  async forSubscriber(subscriber: Pick<Subscriber, 'id'>, now: Date = new Date(), options: { editionDate?: string } = {}): Promise<Recommendations> {
    const snapshot = await this.snapshots.loadOne(subscriber.id, options.editionDate);
    if (!snapshot) throw new Error(`subscriber ${subscriber.id} does not exist`);
    return this.forReader(snapshot.profile, snapshot.history, now);
  }

  /** For callers that loaded the reader already (the digest worker: one query per digest). */
  async forReader(profile: Pick<ReaderProfile, 'minUpvotes' | 'maxPapers'>, history: ReaderInterestsAndHistory, now: Date = new Date()): Promise<Recommendations> {
    const today = now.toISOString().slice(0, 10);
    const shared = await this.sharedScores(today);
    const { from } = editionWindow(history.lastSentEdition, today);

    // Each distinct keyword is searched once per run, the first time a reader brings it.
    for (const keyword of history.keywords) {
      const key = keywordKey(keyword);
      if (!shared.keywordScores.has(key)) shared.keywordScores.set(key, scoreKeyword(shared.index, keyword, shared.topics));
    }
    const chosenTopics = history.topicIds.filter((id) => shared.catalog.has(id));

    const feedback = history.feedback;
    let similarity: ((a: string, b: string) => number) | undefined;
    if (feedback.length) {
      const missing = feedback.map((f) => f.paperId).filter((id) => !shared.byId.has(id));
      const rated = await this.papers.byIds(missing);
      // The recent papers' vectors are built once per run; only older rated papers are vectorised per reader.
      shared.vectors ??= tfIdfVectors(shared.index, shared.recent.map(indexable));
      similarity = similarityOver(shared.vectors, tfIdfVectors(shared.index, rated.map(indexable)));
    }
    const ranked = shared.table.rank({
      topicIds: chosenTopics,
      keywords: history.keywords,
      topicNames: shared.topicNames,
      topicScores: shared.topicScores,
      keywordScores: shared.keywordScores,
      from,
      to: today,
      now,
      alreadySent: new Set(history.sentPaperIds),
      minUpvotes: profile.minUpvotes ?? 0,
      maxPapers: profile.maxPapers,
      feedback: similarity
        ? { liked: feedback.filter((f) => f.vote > 0).map((f) => f.paperId), disliked: feedback.filter((f) => f.vote < 0).map((f) => f.paperId), similarity }
        : undefined,
    });
    const chosen = new Set(chosenTopics);
    const topics = shared.byName.filter((t) => chosen.has(t.id));
    return {
      window: { from, to: today },
      papers: ranked.map((r) => ({ ...r, paper: shared.byId.get(r.paperId)! })),
      interests: { topics, keywords: history.keywords },
    };
  }

  /** The shared scores, rebuilt when papers or topics changed; concurrent callers share one check. */
  private sharedScores(today: string): Promise<SharedScores> {
    const at = Date.now();
    if (this.check && this.check.today === today && at - this.check.at < FRESHNESS_CHECK_MS) return this.check.shared;
    const shared = this.loadSharedScores(today);
    const check = { today, at, shared };
    this.check = check;
    shared.catch(() => {
      if (this.check === check) this.check = null;
    });
    return shared;
  }

  private async loadSharedScores(today: string): Promise<SharedScores> {
    const since = addDays(today, -INDEX_DAYS);
    const version = await this.papers.version(today, since);
    const cached = this.shared;
    if (cached && cached.version === version) return cached;
    const [recent, topics] = await Promise.all([this.papers.featuredSince(since), this.topics.all()]);
    const index = PaperIndex.build(recent.map(indexable));
    // A topic whose stored query no longer parses matches nothing until an operator fixes it.
    const { searched } = searchTopics(index, topics);
    const built: SharedScores = {
      version,
      recent,
      byId: new Map(recent.map((p) => [p.arxivId, p])),
      catalog: new Map(topics.map((t) => [t.id, t])),
      byName: [...topics].sort((a, b) => a.name.localeCompare(b.name)),
      topicNames: new Map(topics.map((t) => [t.id, t.name])),
      index,
      topics: searched,
      topicScores: new Map(searched.map((t) => [t.id, toRelevanceMap(t.matches)])),
      keywordScores: new Map(),
      table: new RankingTable(recent.map((p) => ({ paperId: p.arxivId, upvotes: p.upvotes, featuredDate: p.featuredDate, withdrawn: p.withdrawnAt !== null }))),
    };
    this.shared = built;
    return built;
  }
}

const indexable = (p: Paper) => ({ id: p.arxivId, title: p.title, abstract: p.abstract, keywords: p.keywords });
