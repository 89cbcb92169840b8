import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { Delivery, Feedback, loadSubscriberInterests, replaceSubscriberInterests, updateReturning, Subscriber, Suppression, Topic } from '@app/database';
import { InvalidInputError, NotFoundError } from '@app/platform';
import { jobId, QUEUE, type ConfirmationMailJob } from '@app/queue';
import { RecommendationService } from '@app/recommendations';
import { LinkTokens, SubscriberLinks, type PreferencesInput, type SubscribeInput, type TokenPurpose } from '@app/subscribers';
import { toPublicPaper } from '../papers/public-paper.js';

/** At most one confirmation email per address per window (subscription-bombing defence). */
export const CONFIRMATION_INTERVAL_MS = 60 * 60 * 1000;
const ENQUEUE_TIMEOUT_MS = 3000;

export interface PreferencesView {
  email: string;
  status: Subscriber['status'];
  topics: string[];
  keywords: string[];
  frequency: Subscriber['frequency'];
  weeklyDay: number;
  deliveryHour: number;
  timezone: string;
  maxPapers: number;
  minUpvotes: number | null;
  manageUrl: string;
  unsubscribeUrl: string;
}

@Injectable()
export class SubscriptionService {
  private readonly tokens: LinkTokens;
  private readonly links: SubscriberLinks;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    @InjectRepository(Topic) private readonly topics: Repository<Topic>,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<ConfirmationMailJob>,
    @Inject(RecommendationService) private readonly recommendations: RecommendationService,
  ) {
    this.tokens = new LinkTokens(config.tokenSecret);
    this.links = new SubscriberLinks(config.publicUrl, config.tokenSecret);
  }

  /**
   * Records a subscription request. Says nothing about the address's state:
   * new, pending, active, unsubscribed or suppressed all return the same way.
   */
  async subscribe(input: SubscribeInput): Promise<void> {
    const topicIds = input.topics ? await this.topicIds(input.topics) : undefined;
    const subscriberId = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Suppression, { where: { emailNormalized: input.email.normalized } })) return null;
      await manager
        .createQueryBuilder()
        .insert()
        .into(Subscriber)
        .values({ email: input.email.email, emailNormalized: input.email.normalized, status: 'pending' })
        .orIgnore()
        .execute();
      const subscriber = await manager.findOneOrFail(Subscriber, {
        where: { emailNormalized: input.email.normalized },
        lock: { mode: 'pessimistic_write' },
      });
      if (subscriber.status === 'active' || subscriber.status === 'suppressed') return null;
      // Pending or unsubscribed: take the new choices, and (re)confirm.
      subscriber.status = 'pending';
      if (input.timezone) subscriber.timezone = input.timezone;
      if (input.frequency) subscriber.frequency = input.frequency;
      await manager.save(subscriber);
      await replaceSubscriberInterests(manager, subscriber.id, topicIds, input.keywords);
      const claimed = await updateReturning<{ id: string }>(
        manager,
        `UPDATE subscribers SET confirmation_sent_at = now()
         WHERE id = $1 AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - ($2 || ' milliseconds')::interval)
         RETURNING id`,
        [subscriber.id, String(CONFIRMATION_INTERVAL_MS)],
      );
      return claimed.length ? subscriber.id : null;
    });
    if (subscriberId) await this.enqueueConfirmation(subscriberId);
  }

  /**
   * BullMQ waits for Redis indefinitely; a request must not. If the job cannot
   * be queued quickly, give the hour's confirmation slot back and answer 503,
   * so the user's retry sends the email instead of being silently throttled.
   */
  private async enqueueConfirmation(subscriberId: string): Promise<void> {
    const hour = new Date().toISOString().slice(0, 13);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.mailQueue.add('confirmation', { subscriberId }, { jobId: jobId.confirmation(subscriberId, hour) }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('queue unavailable')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch {
      await this.subscribers.update({ id: subscriberId }, { confirmationSentAt: null });
      throw new ServiceUnavailableException('Paperboy cannot send emails right now. Please try again in a few minutes.');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Confirms a pending subscription; idempotent for one already active. Returns the manage token. */
  async confirm(token: string): Promise<{ manageToken: string }> {
    const subscriber = await this.bySubscriberToken(token, 'confirm');
    if (subscriber.status === 'pending') {
      await this.subscribers.update({ id: subscriber.id, status: 'pending' }, { status: 'active', confirmedAt: new Date() });
    } else if (subscriber.status !== 'active') {
      throw new NotFoundError('This confirmation link is no longer valid.');
    }
    return { manageToken: this.issue('manage', subscriber.id) };
  }

  /** One-click unsubscribe: idempotent, and quiet about erased subscribers. */
  async unsubscribe(token: string): Promise<void> {
    const id = this.tokens.verify(token, 'unsubscribe');
    if (!id) throw new NotFoundError('This unsubscribe link is not valid.');
    await this.subscribers.update({ id, status: In(['pending', 'active']) }, { status: 'unsubscribed', unsubscribedAt: new Date() });
  }

  async preferences(token: string): Promise<PreferencesView> {
    return this.view(await this.bySubscriberToken(token, 'manage'));
  }

  async updatePreferences(token: string, input: PreferencesInput): Promise<PreferencesView> {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    const topicIds = input.topics ? await this.topicIds(input.topics) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const { topics: _topics, keywords: _keywords, ...settings } = input;
      if (Object.keys(settings).length) await manager.update(Subscriber, { id: subscriber.id }, settings);
      await replaceSubscriberInterests(manager, subscriber.id, topicIds, input.keywords);
    });
    return this.view(await this.subscribers.findOneByOrFail({ id: subscriber.id }));
  }

  /** The ranked papers the subscriber would get now, with scores and reasons. */
  async preview(token: string) {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    const { window, papers } = await this.recommendations.forSubscriber(subscriber);
    return {
      window,
      maxPapers: subscriber.maxPapers,
      // Stored text and links through the same rules as the email and the papers page.
      papers: papers.map((r) => ({ ...r, paper: toPublicPaper(r.paper) })).map(({ paper, score, relevance, trending, feedback, reasons }) => ({
        arxivId: paper.arxivId,
        title: paper.title,
        authors: paper.authors,
        organization: paper.organization,
        featuredDate: paper.featuredDate,
        upvotes: paper.upvotes,
        links: paper.links,
        score: Number(score.toFixed(4)),
        relevance: Number(relevance.toFixed(4)),
        trending: Number(trending.toFixed(4)),
        feedback: Number(feedback.toFixed(4)),
        reasons,
      })),
    };
  }

  /** Everything Paperboy keeps about the subscriber (GDPR access). */
  async export(token: string) {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    const [view, feedback, deliveries] = await Promise.all([
      this.view(subscriber),
      this.dataSource.getRepository(Feedback).find({ where: { subscriberId: subscriber.id }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(Delivery).find({ where: { subscriberId: subscriber.id }, order: { editionDate: 'ASC' } }),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      subscriber: {
        ...view,
        subscribedAt: subscriber.createdAt.toISOString(),
        confirmedAt: subscriber.confirmedAt?.toISOString() ?? null,
        unsubscribedAt: subscriber.unsubscribedAt?.toISOString() ?? null,
      },
      feedback: feedback.map((f) => ({ paper: f.paperId, vote: f.vote > 0 ? 'up' : 'down', at: f.updatedAt.toISOString() })),
      deliveries: deliveries.map((d) => ({ edition: d.editionDate, state: d.state, sentAt: d.sentAt?.toISOString() ?? null, papers: d.paperIds })),
    };
  }

  /** Erases the subscriber and everything tied to them (GDPR erasure). */
  async erase(token: string): Promise<void> {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    await this.subscribers.delete({ id: subscriber.id });
  }

  issue(purpose: TokenPurpose, subscriberId: string): string {
    const expiresAt = purpose === 'confirm' ? new Date(Date.now() + 48 * 3600 * 1000) : undefined;
    return this.tokens.issue({ purpose, subscriberId, expiresAt });
  }

  private async bySubscriberToken(token: string, purpose: TokenPurpose): Promise<Subscriber> {
    const id = this.tokens.verify(token, purpose);
    const subscriber = id ? await this.subscribers.findOneBy({ id }) : null;
    // Tampered, expired, wrong-purpose and erased all look the same from outside.
    if (!subscriber) throw new NotFoundError('This link is not valid any more. Subscribe again to get a new one.');
    return subscriber;
  }

  private async topicIds(slugs: string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    const found = await this.topics.find({ where: { slug: In(slugs) }, select: { id: true, slug: true } });
    const unknown = slugs.filter((slug) => !found.some((t) => t.slug === slug));
    if (unknown.length) throw new InvalidInputError(`has unknown topic(s): ${unknown.join(', ')} (see GET /api/topics)`, 'topics');
    return found.map((t) => t.id);
  }

  private async view(subscriber: Subscriber): Promise<PreferencesView> {
    const { topics, keywords } = await loadSubscriberInterests(this.dataSource.manager, subscriber.id);
    return {
      email: subscriber.email,
      status: subscriber.status,
      topics: topics.map((t) => t.slug),
      keywords,
      frequency: subscriber.frequency,
      weeklyDay: subscriber.weeklyDay,
      deliveryHour: subscriber.deliveryHour,
      timezone: subscriber.timezone,
      maxPapers: subscriber.maxPapers,
      minUpvotes: subscriber.minUpvotes,
      manageUrl: this.links.manage(subscriber.id),
      unsubscribeUrl: this.links.unsubscribe(subscriber.id),
    };
  }
}
