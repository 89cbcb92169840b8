import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, Not, type EntityManager } from 'typeorm';
import { Delivery, Feedback, loadSubscriberInterests, Paper, Subscriber, Topic, type SubscriberInterests } from '@app/database';
import {
  keywordKey,
  keywordMatches,
  PaperIndex,
  parseQuery,
  QuerySyntaxError,
  rankForSubscriber,
  tfIdfSimilarity,
  type PaperMatch,
  type Query,
  type RankedPaper,
  type RankingCandidate,
  type Relevance,
} from '@app/matching';

/** How far back the index reaches: enough papers for stable word statistics. */
export const INDEX_DAYS = 30;
/** A first digest (or preview) covers this many recent days. */
export const FIRST_EDITION_DAYS = 3;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

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

interface SearchedTopic {
  id: string;
  name: string;
  description: string;
  query: Query;
  matches: PaperMatch[];
}

/**
 * The search work shared by every subscriber: the index over recent papers and
 * each topic's matches, plus each keyword's matches as subscribers bring them.
 * Rebuilt when papers or topics change (checked with one small query).
 */
interface SharedScores {
  version: string;
  recent: Paper[];
  index: PaperIndex;
  topics: SearchedTopic[];
  topicScores: Map<string, Map<string, Relevance>>;
  keywordScores: Map<string, Map<string, Relevance>>;
}

const toRelevance = (matches: readonly PaperMatch[]) => new Map(matches.map((m): [string, Relevance] => [m.paperId, { score: m.relevance, reasons: m.reasons }]));

/**
 * What one subscriber would get now: papers featured since their last sent
 * edition (or the last few days for a first one), scored against their topics
 * and keywords, blended with trending and their feedback, minus what they
 * already received.
 */
@Injectable()
export class RecommendationService {
  private shared: SharedScores | null = null;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * `editionDate`: the edition being built, whose own delivery row (a retry's
   * earlier attempt) must neither shrink the window nor exclude its papers.
   */
  async forSubscriber(subscriber: Subscriber, now: Date = new Date(), options: { editionDate?: string; manager?: EntityManager } = {}): Promise<Recommendations> {
    const manager = options.manager ?? this.dataSource.manager;
    const edition = options.editionDate ?? '9999-12-31';
    const today = now.toISOString().slice(0, 10);
    const [shared, interests, lastSent, sent, feedback] = await Promise.all([
      this.sharedScores(manager, today),
      loadSubscriberInterests(manager, subscriber.id),
      manager
        .getRepository(Delivery)
        .createQueryBuilder('d')
        .select('max(d.edition_date)::text', 'last')
        .where('d.subscriber_id = :id AND d.state = :state AND d.edition_date < :edition', { id: subscriber.id, state: 'sent', edition })
        .getRawOne<{ last: string | null }>(),
      manager.getRepository(Delivery).find({
        where: { subscriberId: subscriber.id, state: In(['sent', 'claimed', 'unknown']), editionDate: Not(edition) },
        select: { paperIds: true, id: true },
      }),
      manager.getRepository(Feedback).find({ where: { subscriberId: subscriber.id } }),
    ]);
    const from = lastSent?.last ? addDays(lastSent.last, 1) : addDays(today, -(FIRST_EDITION_DAYS - 1));

    const keywordKeys = interests.keywords.map((k) => {
      const key = keywordKey(k);
      if (!shared.keywordScores.has(key)) shared.keywordScores.set(key, this.searchKeyword(shared, k));
      return key;
    });
    const chosenTopics = interests.topics.map((t) => t.id);
    const inWindow = shared.recent.filter((p) => p.featuredDate !== null && p.featuredDate >= from && p.featuredDate <= today);
    const candidates: RankingCandidate[] = inWindow.map((p) => ({
      paperId: p.arxivId,
      upvotes: p.upvotes,
      featuredDate: p.featuredDate,
      withdrawn: p.withdrawnAt !== null,
      topics: pick(chosenTopics, shared.topicScores, p.arxivId),
      keywords: pick(keywordKeys, shared.keywordScores, p.arxivId),
    }));

    let similarity: ((a: string, b: string) => number) | undefined;
    if (feedback.length) {
      const known = new Set(shared.recent.map((p) => p.arxivId));
      const missing = feedback.map((f) => f.paperId).filter((id) => !known.has(id));
      const rated = missing.length ? await manager.getRepository(Paper).find({ where: { arxivId: In(missing) } }) : [];
      similarity = tfIdfSimilarity(shared.index, [...shared.recent, ...rated].map(indexable));
    }
    const ranked = rankForSubscriber({
      candidates,
      topicIds: chosenTopics,
      keywords: interests.keywords,
      topicNames: new Map(shared.topics.map((t) => [t.id, t.name])),
      now,
      alreadySent: new Set(sent.flatMap((d) => d.paperIds)),
      minUpvotes: subscriber.minUpvotes ?? 0,
      maxPapers: subscriber.maxPapers,
      feedback: similarity
        ? { liked: feedback.filter((f) => f.vote > 0).map((f) => f.paperId), disliked: feedback.filter((f) => f.vote < 0).map((f) => f.paperId), similarity }
        : undefined,
    });
    const byId = new Map(inWindow.map((p) => [p.arxivId, p]));
    return { window: { from, to: today }, papers: ranked.map((r) => ({ ...r, paper: byId.get(r.paperId)! })), interests };
  }

  private async sharedScores(manager: EntityManager, today: string): Promise<SharedScores> {
    const since = addDays(today, -INDEX_DAYS);
    const [{ version }]: Array<{ version: string }> = await manager.query(
      `SELECT concat_ws('|', $1::text, (SELECT count(*) FROM papers WHERE featured_date >= $2), (SELECT max(updated_at) FROM papers WHERE featured_date >= $2),
                        (SELECT count(*) FROM topics), (SELECT max(updated_at) FROM topics)) AS version`,
      [today, since],
    );
    const cached = this.shared;
    if (cached && cached.version === version) return cached;
    const [recent, topics] = await Promise.all([manager.getRepository(Paper).find({ where: { featuredDate: MoreThanOrEqual(since) } }), manager.getRepository(Topic).find()]);
    const index = PaperIndex.build(recent.map(indexable));
    const searched: SearchedTopic[] = [];
    for (const topic of topics) {
      try {
        const query = parseQuery(topic.query);
        searched.push({ id: topic.id, name: topic.name, description: topic.description, query, matches: index.search(query) });
      } catch (error) {
        // A topic whose stored query no longer parses matches nothing until an operator fixes it.
        if (!(error instanceof QuerySyntaxError)) throw error;
      }
    }
    const built: SharedScores = {
      version,
      recent,
      index,
      topics: searched,
      topicScores: new Map(searched.map((t) => [t.id, toRelevance(t.matches)])),
      keywordScores: new Map(),
    };
    this.shared = built;
    return built;
  }

  private searchKeyword(shared: SharedScores, keyword: string): Map<string, Relevance> {
    try {
      return toRelevance(keywordMatches(shared.index, keyword, shared.topics));
    } catch (error) {
      // A keyword of stop words only ("the") matches nothing.
      if (!(error instanceof QuerySyntaxError)) throw error;
      return new Map();
    }
  }
}

const indexable = (p: Paper) => ({ id: p.arxivId, title: p.title, abstract: p.abstract, keywords: p.keywords });

function pick(keys: readonly string[], scores: Map<string, Map<string, Relevance>>, paperId: string): Map<string, Relevance> {
  const found = new Map<string, Relevance>();
  for (const key of keys) {
    const relevance = scores.get(key)?.get(paperId);
    if (relevance) found.set(key, relevance);
  }
  return found;
}
