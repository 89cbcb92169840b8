import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  DeliveryRepository,
  FeedbackRepository,
  isOpenRequest,
  SubscriberRepository,
  TopicRepository,
  type Subscriber,
  type SubscriptionChoices,
} from '@app/database';
import { InvalidInputError, NotFoundError } from '@app/platform';
import { jobId, QUEUE, REDIS_CLIENT, type ConfirmationMailJob, type RedisClient } from '@app/queue';
import { AfterResponse } from './after-response.js';
import { LinkVerifier, type LastingLinkPurpose } from './link-verifier.js';
import type { PreferencesInput, SubscribeInput, SubscriptionChoicesInput } from './preferences.schema.js';
import type { SubscriberLinks } from './subscriber-links.js';
import { SUBSCRIPTION_MAIL_JOBS } from './subscription-mail.js';

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

/** Subscribing, confirming, preferences, unsubscribing, signing links out, export and erasure: what a subscriber does. */
@Injectable()
export class SubscriptionService {
  private readonly links: SubscriberLinks;

  constructor(
    @Inject(SubscriberRepository) private readonly subscribers: SubscriberRepository,
    @Inject(TopicRepository) private readonly topics: TopicRepository,
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(FeedbackRepository) private readonly feedback: FeedbackRepository,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<ConfirmationMailJob>,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(LinkVerifier) private readonly verifier: LinkVerifier,
    @Inject(AfterResponse) private readonly afterResponse: AfterResponse,
  ) {
    this.links = verifier.links;
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
    const { email, ...choices } = input;
    return this.subscribers.recordConfirmationRequest(email, choices satisfies SubscriptionChoices, CONFIRMATION_INTERVAL_MS);
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
      await this.subscribers.releaseConfirmationSlot(subscriberId);
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
    const { subscriber, request } = await this.confirmRequestOf(token);
    const result = await this.subscribers.confirm(subscriber.id, request, changed ? { choices: changed, topicIds: changed.topics ? await this.topicIds(changed.topics) : undefined } : undefined);
    if (result.state === 'gone') throw notValid();
    if (result.state === 'used') return { state: 'used' };
    return { state: 'confirmed', manageToken: this.links.token('manage', subscriber.id, result.generation) };
  }

  private async confirmRequestOf(token: string): Promise<{ subscriber: Subscriber; request: number }> {
    const claims = this.links.open(token, 'confirm');
    const subscriber = claims ? await this.subscribers.findById(claims.subscriberId) : null;
    if (!claims || !subscriber) throw notValid();
    return { subscriber, request: claims.generation };
  }

  /** One-click unsubscribe: idempotent, and quiet about erased subscribers. */
  async unsubscribe(token: string): Promise<void> {
    const check = await this.verifier.check(token, 'unsubscribe');
    if (check.kind === 'invalid') throw new NotFoundError('This unsubscribe link is not valid.');
    if (check.kind === 'erased') return;
    await this.subscribers.unsubscribe(check.subscriber.id);
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
    const { topics: _topics, keywords, ...settings } = input;
    return this.view(await this.subscribers.updatePreferences(subscriber.id, settings, topicIds, keywords));
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
    const rotated = await this.subscribers.rotateLinkGeneration(subscriber.id, from);
    if (rotated === null) throw notValid();
    try {
      await this.enqueueMail(SUBSCRIPTION_MAIL_JOBS.manageLink, subscriber.id, `manage-link.${subscriber.id}.${rotated}`);
    } catch {
      // Without the email the owner would hold no working link: put the old ones back.
      await this.subscribers.restoreLinkGeneration(subscriber.id, from);
      throw new ServiceUnavailableException('Paperboy cannot send emails right now, so nothing was changed. Please try again in a few minutes.');
    }
    return { email: subscriber.email };
  }

  /** The subscriber a manage link belongs to (for the preview, which ranks their papers). */
  async subscriberOf(token: string): Promise<Subscriber> {
    return this.bySubscriberToken(token, 'manage');
  }

  /** Everything Paperboy keeps about the subscriber (GDPR access). */
  async export(token: string) {
    const subscriber = await this.bySubscriberToken(token, 'manage');
    const [view, feedback, deliveries] = await Promise.all([this.view(subscriber), this.feedback.bySubscriber(subscriber.id), this.deliveries.bySubscriber(subscriber.id)]);
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
    await this.subscribers.erase(subscriber.id);
  }

  private async bySubscriberToken(token: string, purpose: LastingLinkPurpose): Promise<Subscriber> {
    // Tampered, expired, wrong-purpose, signed-out and erased all look the same from outside.
    const subscriber = await this.verifier.subscriber(token, purpose);
    if (!subscriber) throw notValid();
    return subscriber;
  }

  private async topicIds(slugs: string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    const found = await this.topics.bySlugs(slugs);
    const unknown = slugs.filter((slug) => !found.some((t) => t.slug === slug));
    if (unknown.length) throw new InvalidInputError(`has unknown topic(s): ${unknown.join(', ')} (see GET /api/topics)`, 'topics');
    return found.map((t) => t.id);
  }

  private async view(subscriber: Subscriber): Promise<PreferencesView> {
    const { topics, keywords } = await this.subscribers.interests(subscriber.id);
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
