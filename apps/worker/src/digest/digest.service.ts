import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { suppressAfterHardBounce, type ReaderProfile } from '@app/database';
import { classifySmtpFailure, DigestRenderer, MailTransport, type DigestForReader } from '@app/mail';
import { RecommendationService, toDigestPaper } from '@app/recommendations';
import { SubscriberLinks } from '@app/subscribers';
import { claimAndLoadReader, DeliveryRecorder, markDelivery, releaseClaim } from './delivery-claims.js';
import { digestEntries, digestListId, digestMessageId, digestReason, digestSubject, mailHost } from './digest-message.js';

export type DigestOutcome = 'sent' | 'skipped' | 'suppressed' | 'unknown' | 'already-done' | 'in-progress' | 'retry';

/** SMTP commands before DATA: a failure there means the message was certainly not accepted. */
const BEFORE_DATA = new Set(['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH PLAIN', 'AUTH LOGIN', 'MAIL FROM', 'RCPT TO']);

export function failedBeforeData(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, command, code } = error as { responseCode?: number; command?: string; code?: string };
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) return true; // a refusal, never an acceptance
  return code === 'ECONNECTION' || code === 'EDNS' || (command !== undefined && BEFORE_DATA.has(command));
}

export class RetryLater extends Error {}


/**
 * Delivers one subscriber's edition at most once: claim the delivery row,
 * re-check the subscriber, rank, render, record that SMTP begins, send,
 * record the outcome. See delivery-claims.ts for the states.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);
  private readonly links: SubscriberLinks;
  private readonly host: string;
  private readonly listId: string;
  private readonly recorder: DeliveryRecorder;
  /** One renderer per edition and hour: shared fragments are reused, and upvotes shown are at most an hour old. */
  private readonly renderers = new Map<string, DigestRenderer>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RecommendationService) private readonly recommendations: RecommendationService,
    @Inject(MailTransport) private readonly transport: MailTransport,
  ) {
    this.links = new SubscriberLinks(config.publicUrl, config.tokenSecret);
    this.host = mailHost(config.publicUrl);
    this.listId = digestListId(this.host);
    this.recorder = new DeliveryRecorder(dataSource.manager);
  }

  async deliver(subscriberId: string, editionDate: string, options: { lastAttempt: boolean; now?: Date }): Promise<DigestOutcome> {
    const manager = this.dataSource.manager;
    // One round trip takes the claim and reads the reader: their status at this moment decides the send.
    const { reader, claim } = await claimAndLoadReader(manager, subscriberId, editionDate, this.config.digestLeaseMs);
    if (!reader) return 'skipped'; // erased since it was queued (its delivery row went with it)
    const subscriber = reader.profile;
    if (claim.kind === 'finished') return 'already-done';
    if (claim.kind === 'unknown') return 'unknown';
    if (claim.kind === 'in-progress') throw new RetryLater('another worker holds this delivery');

    // Re-checked after queuing: an unsubscribe or bounce since then stops the send.
    if (subscriber.status !== 'active' || subscriber.frequency === 'paused') {
      await markDelivery(manager, claim.deliveryId, 'skipped', { lastError: `subscriber is ${subscriber.frequency === 'paused' ? 'paused' : subscriber.status}` });
      return 'skipped';
    }
    if (reader.suppressed) {
      await markDelivery(manager, claim.deliveryId, 'suppressed', { lastError: 'address is on the suppression list' });
      return 'suppressed';
    }

    const now = options.now ?? new Date();
    const { papers, interests } = await this.recommendations.forReader(subscriber, reader.history, now, manager);
    if (papers.length === 0 && this.config.skipEmptyDigests) {
      await markDelivery(manager, claim.deliveryId, 'skipped', { lastError: 'nothing new for this subscriber' });
      return 'skipped';
    }
    const entries = digestEntries(subscriber.id, papers, this.links);
    const { url: unsubscribeUrl, token: unsubscribeToken } = this.links.unsubscribeLink(subscriber.id);
    const digest: DigestForReader = {
      editionDate,
      papers: entries.map((e) => ({ paper: toDigestPaper(e.paper), reasons: e.ranked.reasons, feedbackUpUrl: e.feedbackUpUrl, feedbackDownUrl: e.feedbackDownUrl })),
      manageUrl: this.links.manage(subscriber.id),
      unsubscribeUrl,
      viewInBrowserUrl: this.links.viewInBrowser(subscriber.id, editionDate),
      reason: digestReason(subscriber, interests.topics, interests.keywords),
    };
    const renderer = this.renderer(`${editionDate}.${now.toISOString().slice(0, 13)}`);
    await renderer.prepare(digest.papers.map((p) => p.paper));
    const { html, text } = renderer.renderCached(digest);
    const messageId = digestMessageId(subscriber.id, editionDate, this.host);
    const paperIds = papers.map((p) => p.paperId);

    await this.recorder.smtpStarted(claim.deliveryId, paperIds, messageId);
    try {
      await this.transport.send({
        to: subscriber.email,
        subject: digestSubject(editionDate, papers.length),
        html,
        text,
        messageId,
        date: now,
        listId: this.listId,
        listUnsubscribe: { url: unsubscribeUrl, mail: `mailto:unsubscribe@${this.host}?subject=${unsubscribeToken}` },
      });
    } catch (error) {
      return this.onSendFailure(error, claim.deliveryId, subscriber, options.lastAttempt);
    }
    await this.recorder.sent(claim.deliveryId);
    return 'sent';
  }

  private renderer(key: string): DigestRenderer {
    let renderer = this.renderers.get(key);
    if (!renderer) {
      renderer = new DigestRenderer();
      this.renderers.set(key, renderer);
      // Keep only the newest few: a run lasts minutes, and old fragments hold stale counts.
      while (this.renderers.size > 3) this.renderers.delete(this.renderers.keys().next().value!);
    }
    return renderer;
  }

  private async onSendFailure(error: unknown, deliveryId: string, subscriber: ReaderProfile, lastAttempt: boolean): Promise<DigestOutcome> {
    const message = error instanceof Error ? error.message : String(error);
    const manager = this.dataSource.manager;
    if (classifySmtpFailure(error) === 'permanent') {
      await this.dataSource.transaction(async (tx) => {
        await suppressAfterHardBounce(tx, subscriber, message);
        await markDelivery(tx, deliveryId, 'suppressed', { lastError: message.slice(0, 1000) });
      });
      this.logger.warn(`digest to subscriber ${subscriber.id} refused permanently; address suppressed`);
      return 'suppressed';
    }
    if (failedBeforeData(error)) {
      if (lastAttempt) {
        await markDelivery(manager, deliveryId, 'failed', { lastError: message.slice(0, 1000) });
        this.logger.error(`digest to subscriber ${subscriber.id} failed after all retries: ${message}`);
        return 'retry';
      }
      await releaseClaim(manager, deliveryId, message);
      throw new RetryLater(message);
    }
    // The connection broke after DATA: the server may have accepted it. Never risk a second copy.
    await markDelivery(manager, deliveryId, 'unknown', { lastError: message.slice(0, 1000) });
    this.logger.error(`digest to subscriber ${subscriber.id} has an unknown outcome: ${message}`);
    return 'unknown';
  }
}
