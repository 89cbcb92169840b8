import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { SubscriberRepository, SuppressionRepository, TopicRepository, type Subscriber } from '@app/database';
import { classifySmtpFailure, MailTransport, renderEmail, type RenderedTemplate } from '@app/mail';
import { QUEUE, type ConfirmationMailJob } from '@app/queue';
import { CONFIRMATION_TTL_HOURS, SubscriberLinks, SUBSCRIPTION_MAIL_JOBS } from '@app/subscribers';

export { CONFIRMATION_TTL_HOURS };

export type ConfirmationOutcome = 'sent' | 'skipped' | 'suppressed';

type SubscriptionEmail = RenderedTemplate<'confirmation' | 'manage-link'>;

/**
 * Sends the emails about a subscription: the double opt-in email, and a fresh
 * manage link after "sign out every link". Retries 4xx and network errors; a
 * 5xx suppresses the address.
 */
@Processor(QUEUE.mail, { concurrency: 5 })
export class ConfirmationMailProcessor extends WorkerHost {
  private readonly logger = new Logger(ConfirmationMailProcessor.name);
  private readonly links: SubscriberLinks;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(SubscriberRepository) private readonly subscribers: SubscriberRepository,
    @Inject(TopicRepository) private readonly topics: TopicRepository,
    @Inject(SuppressionRepository) private readonly suppressions: SuppressionRepository,
    @Inject(MailTransport) private readonly transport: MailTransport,
  ) {
    super();
    this.links = new SubscriberLinks(config.publicUrl, config.tokenSecret);
  }

  async process(job: Job<ConfirmationMailJob>): Promise<ConfirmationOutcome> {
    const subscriber = await this.subscribers.findById(job.data.subscriberId);
    if (!subscriber || subscriber.status === 'suppressed') return 'skipped';
    const email = job.name === SUBSCRIPTION_MAIL_JOBS.manageLink ? await this.manageLinkEmail(subscriber) : await this.confirmationEmail(subscriber);
    if (!email) return 'skipped';
    try {
      // `subscribers.email` as stored: the domain already in punycode (A-labels), which is what RCPT TO carries.
      await this.transport.send({ to: subscriber.email, ...email });
      return 'sent';
    } catch (error) {
      if (classifySmtpFailure(error) === 'transient') throw error;
      await this.suppressions.suppressAfterHardBounce(subscriber, String((error as Error).message));
      this.logger.warn(`${job.name} email to subscriber ${subscriber.id} bounced permanently; address suppressed`);
      return 'suppressed';
    }
  }

  /** The email of the subscriber's newest confirmation request, or null when there is nothing left to confirm. */
  private async confirmationEmail(subscriber: Subscriber): Promise<SubscriptionEmail | null> {
    const choices = subscriber.pendingChoices;
    // Confirmed, unsubscribed or erased since the request: nothing to confirm.
    if (subscriber.status !== 'pending' || !choices || !subscriber.confirmationSentAt) return null;
    const topics = (await this.topics.bySlugs(choices.topics ?? [])).sort((a, b) => a.name.localeCompare(b.name));
    // The link expires counted from the request, however late a retry sends it.
    const expiresAt = new Date(subscriber.confirmationSentAt.getTime() + CONFIRMATION_TTL_HOURS * 3600 * 1000);
    return renderEmail('confirmation', {
      confirmUrl: this.links.confirm(subscriber.id, subscriber.confirmRequest, expiresAt),
      topicNames: topics.map((t) => t.name),
      keywordCount: choices.keywords?.length ?? 0,
      expiresInHours: CONFIRMATION_TTL_HOURS,
    });
  }

  private manageLinkEmail(subscriber: Subscriber): Promise<SubscriptionEmail> {
    return renderEmail('manage-link', { manageUrl: this.links.manage(subscriber.id, subscriber.linkGeneration) });
  }
}
