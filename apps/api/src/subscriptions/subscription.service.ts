import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  Delivery,
  Feedback,
  loadSubscriberInterests,
  replaceSubscriberInterests,
  Subscriber,
  Suppression,
  Topic,
  updateReturning,
  type SubscriptionChoices,
} from '@app/database';
import { InvalidInputError, NotFoundError } from '@app/platform';
import { jobId, QUEUE, REDIS_CLIENT, type ConfirmationMailJob } from '@app/queue';
import { RecommendationService } from '@app/recommendations';
import { LinkTokens, SUBSCRIPTION_MAIL_JOBS, SubscriberLinks, type PreferencesInput, type SubscribeInput, type SubscriptionChoicesInput } from '@app/subscribers';
import { LinkVerifier, type LastingLinkPurpose } from '../links/link-verifier.js';
import { AfterResponse } from './after-response.js';
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

/** What a confirmation link's page shows: the choices it will activate, or that it was used (or replaced by a newer one). */
export type ConfirmationView = { state: 'open'; email: string; choices: SubscriptionChoices } | { state: 'used' };

export type ConfirmationOutcome = { state: 'confirmed'; manageToken: string } | { state: 'used' };

const notValid = () => new NotFoundError('This link is not valid any more. Subscribe again to get a new one.');

@Injectable()
export class SubscriptionService {
  private readonly links: SubscriberLinks;
  private readonly tokens: LinkTokens;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    @InjectRepository(Topic) private readonly topics: Repository<Topic>,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<ConfirmationMailJob>,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(RecommendationService) private readonly recommendations: RecommendationService,
    @Inject(LinkVerifier) private readonly verifier: LinkVerifier,
    @Inject(AfterResponse) private readonly afterResponse: AfterResponse,
  ) {
    this.links = verifier.links;
    this.tokens = new LinkTokens(config.tokenSecret);
  }

  /**
   * Accepts a subscription request. Says nothing about the address's state:
   * everything that depends on it (suppression, existing subscriber, the
   * hourly confirmation limit, the writes) runs after the answer, so neither
   * the answer nor its timing differs for a new, pending, active,
   * unsubscribed or suppressed address. What runs first depends only on the
   * input: its topics exist, and Redis can take the confirmation job.
   */
  async subscribe(input: SubscribeInput): Promise<void> {
    if (input.topics) await this.topicIds(input.topics);
    await this.ensureMailQueueReachable();
    this.afterResponse.run('subscription request', async () => {
      const request = await this.recordRequest(input);
      if (request) await this.enqueueConfirmation(request.subscriberId, request.number);
    });
  }

  /**
   * Records the request as the address's newest confirmation request, when a
   * confirmation email may go out now; returns the subscriber to mail, or null.
   *
   * Why requests are numbered: anyone can submit any address. Within the
   * hour's limit a new submission changes nothing, so the link already
   * mailed activates exactly what it was sent for. A submission after that
   * becomes a new request with its own link (carrying the request's number),
   * and every older link stops working; that new link opens a page showing
   * the choices, which the owner can change before confirming. Either way a
   * stranger cannot alter what the owner's link activates without the owner
   * seeing it first.
   */
  private recordRequest(input: SubscribeInput): Promise<{ subscriberId: string; number: number } | null> {
    const { email, ...requested } = input;
    const choices: SubscriptionChoices = requested;
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Suppression, { where: { emailNormalized: email.normalized } })) return null;
      await manager
        .createQueryBuilder()
        .insert()
        .into(Subscriber)
        .values({ email: email.email, emailNormalized: email.normalized, status: 'pending' })
        .orIgnore()
        .execute();
      const subscriber = await manager.findOneOrFail(Subscriber, { where: { emailNormalized: email.normalized }, lock: { mode: 'pessimistic_write' } });
      if (subscriber.status === 'active' || subscriber.status === 'suppressed') return null;
      // Pending or unsubscribed: a new request, if the hour's confirmation email is still to send.
      const claimed = await updateReturning<{ confirm_request: number }>(
        manager,
        `UPDATE subscribers
            SET confirmation_sent_at = now(), confirm_request = confirm_request + 1, pending_choices = $3::jsonb, status = 'pending'
          WHERE id = $1 AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - ($2 || ' milliseconds')::interval)
          RETURNING confirm_request`,
        [subscriber.id, String(CONFIRMATION_INTERVAL_MS), JSON.stringify(choices)],
      );
      return claimed.length ? { subscriberId: subscriber.id, number: claimed[0].confirm_request } : null;
    });
  }

  /** A quick 503 (the same for every address) when Redis is down, instead of a confirmation that silently never leaves. */
  private async ensureMailQueueReachable(): Promise<void> {
    try {
      await this.redis.ping();
    } catch {
      throw new ServiceUnavailableException('Paperboy cannot send emails right now. Please try again in a few minutes.');
    }
  }

  /**
   * BullMQ waits for Redis indefinitely; a request must not. If the job cannot
   * be queued quickly, give the hour's confirmation slot back, so a retry
   * sends the email instead of being silently throttled.
   */
  private async enqueueConfirmation(subscriberId: string, request: number): Promise<void> {
    try {
      // One job per confirmation request: a retry of the same request is de-duplicated, a new request is not.
      await this.enqueueMail(SUBSCRIPTION_MAIL_JOBS.confirmation, subscriberId, jobId.confirmation(subscriberId, `request${request}`));
    } catch (error) {
      await this.subscribers.update({ id: subscriberId }, { confirmationSentAt: null });
      throw error;
    }
  }

  private async enqueueMail(name: string, subscriberId: string, id: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.mailQueue.add(name, { subscriberId }, { jobId: id }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('mail queue unavailable')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** What a confirmation link would activate (for its page), or that it was used; NotFoundError for anything else. */
  async confirmation(token: string): Promise<ConfirmationView> {
    const { subscriber, request } = await this.confirmRequestOf(token);
    if (!isOpenRequest(subscriber, request)) return { state: 'used' };
    return { state: 'open', email: subscriber.email, choices: subscriber.pendingChoices! };
  }

  /**
   * Confirms the request a link was issued for, once: with the choices it was
   * made with, or with the ones its owner changed on the confirmation page.
   * A second use, or a link replaced by a newer request, changes nothing.
   * Confirming again after an unsubscribe starts a new link generation, so
   * links from the earlier subscription stop working.
   */
  async confirm(token: string, changed?: SubscriptionChoicesInput): Promise<ConfirmationOutcome> {
    const { subscriber: requested, request } = await this.confirmRequestOf(token);
    const changedTopicIds = changed?.topics ? await this.topicIds(changed.topics) : undefined;
    return this.dataSource.transaction(async (manager) => {
      // Locked: two clicks at once confirm once.
      const subscriber = await manager.findOne(Subscriber, { where: { id: requested.id }, lock: { mode: 'pessimistic_write' } });
      if (!subscriber) throw notValid();
      if (!isOpenRequest(subscriber, request)) return { state: 'used' as const };
      const choices = changed ?? subscriber.pendingChoices!;
      // Stored choices name topics by slug; one removed from the catalog since the request is dropped.
      const topicIds = changed ? changedTopicIds : choices.topics ? await this.existingTopicIds(manager, choices.topics) : undefined;
      const generation = subscriber.confirmedAt ? subscriber.linkGeneration + 1 : subscriber.linkGeneration;
      await manager.update(
        Subscriber,
        { id: subscriber.id },
        {
          status: 'active',
          confirmedAt: new Date(),
          unsubscribedAt: null,
          pendingChoices: null,
          linkGeneration: generation,
          ...(choices.timezone ? { timezone: choices.timezone } : {}),
          ...(choices.frequency ? { frequency: choices.frequency } : {}),
        },
      );
      await replaceSubscriberInterests(manager, subscriber.id, topicIds, choices.keywords);
      return { state: 'confirmed' as const, manageToken: this.issue('manage', subscriber.id, generation) };
    });
  }

  private async confirmRequestOf(token: string): Promise<{ subscriber: Subscriber; request: number }> {
    const claims = this.links.open(token, 'confirm');
    const subscriber = claims ? await this.subscribers.findOneBy({ id: claims.subscriberId }) : null;
    if (!claims || !subscriber) throw notValid();
    return { subscriber, request: claims.generation };
  }

  /** One-click unsubscribe: idempotent, and quiet about erased subscribers. */
  async unsubscribe(token: string): Promise<void> {
    const check = await this.verifier.check(token, 'unsubscribe');
    if (check.kind === 'invalid') throw new NotFoundError('This unsubscribe link is not valid.');
    if (check.kind === 'erased') return;
    await this.subscribers.update({ id: check.subscriber.id, status: In(['pending', 'active']) }, { status: 'unsubscribed', unsubscribedAt: new Date() });
  }

  /** Whether an unsubscribe link is one a POST would honour (its page is shown only then). */
  async isUnsubscribeLink(token: string): Promise<boolean> {
    return (await this.verifier.check(token, 'unsubscribe')).kind !== 'invalid';
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

  /**
   * "Sign out every link": raises the subscriber's link generation, so every
   * link sent so far (manage, unsubscribe, feedback, view in browser) stops
   * working, and mails a fresh manage link to the address. The new link goes
   * to the mailbox, not to the page: someone holding a leaked link can cut
   * themselves off, never the owner. Returns the address it was sent to.
   */
  async signOutEveryLink(token: string): Promise<{ email: string }> {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    const from = subscriber.linkGeneration;
    // Compare-and-set: two clicks of the same link rotate once.
    const rotated = await updateReturning<{ link_generation: number }>(
      this.dataSource.manager,
      'UPDATE subscribers SET link_generation = link_generation + 1 WHERE id = $1 AND link_generation = $2 RETURNING link_generation',
      [subscriber.id, from],
    );
    if (!rotated.length) throw notValid();
    try {
      await this.enqueueMail(SUBSCRIPTION_MAIL_JOBS.manageLink, subscriber.id, `manage-link.${subscriber.id}.${rotated[0].link_generation}`);
    } catch {
      // Without the email the owner would hold no working link: put the old ones back.
      await this.dataSource.query('UPDATE subscribers SET link_generation = $2 WHERE id = $1 AND link_generation = $3', [subscriber.id, from, from + 1]);
      throw new ServiceUnavailableException('Paperboy cannot send emails right now, so nothing was changed. Please try again in a few minutes.');
    }
    return { email: subscriber.email };
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

  /** Erases the subscriber and everything tied to them (GDPR erasure); every link dies with the row. */
  async erase(token: string): Promise<void> {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    await this.subscribers.delete({ id: subscriber.id });
  }

  /** A link token for a subscriber (generation: their `link_generation`). Confirm links come from the mail worker, per request. */
  issue(purpose: LastingLinkPurpose, subscriberId: string, generation = 0): string {
    return this.tokens.issue({ purpose, subscriberId, generation });
  }

  private async bySubscriberToken(token: string, purpose: LastingLinkPurpose): Promise<Subscriber> {
    // Tampered, expired, wrong-purpose, signed-out and erased all look the same from outside.
    const subscriber = await this.verifier.subscriber(token, purpose);
    if (!subscriber) throw notValid();
    return subscriber;
  }

  private async topicIds(slugs: string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    const found = await this.topics.find({ where: { slug: In(slugs) }, select: { id: true, slug: true } });
    const unknown = slugs.filter((slug) => !found.some((t) => t.slug === slug));
    if (unknown.length) throw new InvalidInputError(`has unknown topic(s): ${unknown.join(', ')} (see GET /api/topics)`, 'topics');
    return found.map((t) => t.id);
  }

  private async existingTopicIds(manager: EntityManager, slugs: string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    return (await manager.find(Topic, { where: { slug: In(slugs) }, select: { id: true } })).map((t) => t.id);
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
      manageUrl: this.links.manage(subscriber.id, subscriber.linkGeneration),
      unsubscribeUrl: this.links.unsubscribe(subscriber.id, subscriber.linkGeneration),
    };
  }
}

/** A confirm link works while its request is the subscriber's newest and still unconfirmed. */
function isOpenRequest(subscriber: Subscriber, request: number): boolean {
  return subscriber.status === 'pending' && subscriber.pendingChoices !== null && subscriber.confirmRequest === request;
}
