import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, Not, type EntityManager } from 'typeorm';
import { Delivery, Feedback, loadSubscriberInterests, Paper, Subscriber, Topic } from '@app/database';
import { PaperIndex, rankForSubscriber, rankingCandidates, scoreInterests, tfIdfSimilarity, type RankedPaper } from '@app/matching';

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
}

/**
 * What one subscriber would get now: papers featured since their last sent
 * edition (or the last few days for a first one), scored against their topics
 * and keywords, blended with trending and their feedback, minus what they
 * already received.
 */
@Injectable()
export class RecommendationService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * `editionDate`: the edition being built, whose own delivery row (a retry's
   * earlier attempt) must neither shrink the window nor exclude its papers.
   */
  async forSubscriber(subscriber: Subscriber, now: Date = new Date(), options: { editionDate?: string; manager?: EntityManager } = {}): Promise<Recommendations> {
    const manager = options.manager ?? this.dataSource.manager;
    const edition = options.editionDate ?? '9999-12-31';
    const today = now.toISOString().slice(0, 10);
    const [interests, lastSent, sent, feedback, topics] = await Promise.all([
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
      manager.getRepository(Topic).find(),
    ]);
    const from = lastSent?.last ? addDays(lastSent.last, 1) : addDays(today, -(FIRST_EDITION_DAYS - 1));
    const window = { from, to: today };

    const recent = await manager.getRepository(Paper).find({ where: { featuredDate: MoreThanOrEqual(addDays(today, -INDEX_DAYS)) } });
    const ratedIds = feedback.map((f) => f.paperId).filter((id) => !recent.some((p) => p.arxivId === id));
    const rated = ratedIds.length ? await manager.getRepository(Paper).find({ where: { arxivId: In(ratedIds) } }) : [];
    const indexable = (p: Paper) => ({ id: p.arxivId, title: p.title, abstract: p.abstract, keywords: p.keywords });
    const index = PaperIndex.build(recent.map(indexable));

    const chosenTopics = topics.filter((t) => interests.topics.some((c) => c.id === t.id));
    // Every topic is searched so a keyword that names a catalog topic can borrow its query.
    const scores = scoreInterests(index, topics.map((t) => ({ id: t.id, name: t.name, description: t.description, query: t.query })), interests.keywords);
    const inWindow = recent.filter((p) => p.featuredDate !== null && p.featuredDate >= from && p.featuredDate <= today);
    const candidates = rankingCandidates(
      inWindow.map((p) => ({ id: p.arxivId, upvotes: p.upvotes, featuredDate: p.featuredDate, withdrawn: p.withdrawnAt !== null })),
      scores,
    );
    const ranked = rankForSubscriber({
      candidates,
      topicIds: chosenTopics.map((t) => t.id),
      keywords: interests.keywords,
      topicNames: new Map(topics.map((t) => [t.id, t.name])),
      now,
      alreadySent: new Set(sent.flatMap((d) => d.paperIds)),
      minUpvotes: subscriber.minUpvotes ?? 0,
      maxPapers: subscriber.maxPapers,
      feedback: feedback.length
        ? {
            liked: feedback.filter((f) => f.vote > 0).map((f) => f.paperId),
            disliked: feedback.filter((f) => f.vote < 0).map((f) => f.paperId),
            similarity: tfIdfSimilarity(index, [...recent, ...rated].map(indexable)),
          }
        : undefined,
    });
    const byId = new Map(inWindow.map((p) => [p.arxivId, p]));
    return { window, papers: ranked.map((r) => ({ ...r, paper: byId.get(r.paperId)! })) };
  }
}

