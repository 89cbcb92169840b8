import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { createElement } from 'react';
import { DataSource, Repository } from 'typeorm';
import { AppConfig } from '@app/config';
import { loadSubscriberInterests, Subscriber, suppressAfterHardBounce } from '@app/database';
import { classifySmtpFailure, ConfirmationEmail, MailTransport, renderEmail } from '@app/mail';
import { QUEUE, type ConfirmationMailJob } from '@app/queue';
import { LinkTokens } from '@app/subscribers';

export const CONFIRMATION_TTL_HOURS = 48;

export type ConfirmationOutcome = 'sent' | 'skipped' | 'suppressed';

/** Sends the double opt-in email. Retries 4xx and network errors; a 5xx suppresses the address. */
@Processor(QUEUE.mail, { concurrency: 5 })
export class ConfirmationMailProcessor extends WorkerHost {
  private readonly logger = new Logger(ConfirmationMailProcessor.name);
  private readonly tokens: LinkTokens;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    @Inject(MailTransport) private readonly transport: MailTransport,
  ) {
    super();
    this.tokens = new LinkTokens(config.tokenSecret);
  }

  async process(job: Job<ConfirmationMailJob>): Promise<ConfirmationOutcome> {
    const subscriber = await this.subscribers.findOneBy({ id: job.data.subscriberId });
    // Confirmed, unsubscribed or erased since the request: nothing to confirm.
    if (!subscriber || subscriber.status !== 'pending') return 'skipped';
    const { topics, keywords } = await loadSubscriberInterests(this.dataSource.manager, subscriber.id);
    const token = this.tokens.issue({
      purpose: 'confirm',
      subscriberId: subscriber.id,
      expiresAt: new Date(Date.now() + CONFIRMATION_TTL_HOURS * 3600 * 1000),
    });
    const { html, text } = await renderEmail(
      createElement(ConfirmationEmail, {
        confirmUrl: `${this.config.publicUrl}/confirm/${token}`,
        topicNames: topics.map((t) => t.name),
        keywords,
        expiresInHours: CONFIRMATION_TTL_HOURS,
      }),
    );
    try {
      await this.transport.send({ to: subscriber.email, subject: 'Confirm your Paperboy subscription', html, text });
      return 'sent';
    } catch (error) {
      if (classifySmtpFailure(error) === 'transient') throw error;
      await this.dataSource.transaction((manager) => suppressAfterHardBounce(manager, subscriber, String((error as Error).message)));
      this.logger.warn(`confirmation to subscriber ${subscriber.id} bounced permanently; address suppressed`);
      return 'suppressed';
    }
  }
}
