import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DeliveryRepository, ReaderSnapshot, ReaderSnapshots } from '@app/database';
import { classifySmtpFailure, retryDelayMs } from '@app/delivery/rules';
import { DigestRenderer, type MailTransport, type RawMessageWriter } from '@app/mail';
import type { DigestShards, SendRateLimiter } from '@app/queue';
import type { RecommendationService, Recommendations } from '@app/recommendations';
import { toDigestPaper } from './digest-paper.js';
import type { SubscriberLinks } from '@app/subscribers';
import { retryBatchId, retryGeneration, shardOf } from './batch-ids.js';
import { composeDigest, digestSubject, type MessageIds } from './digest-composer.js';
import type { DeliveryRecorder } from './delivery-recorder.js';
import { Semaphore } from './semaphore.js';
import { StageClock } from './stage-clock.js';

export interface BatchSettings {
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  skipEmptyDigests: boolean;
  /** Digests in flight to the SMTP server at once, across all batches of this process. */
  sendConcurrency: number;
}

/** What happened to each row a batch run claimed. */
export interface BatchOutcome {
  claimed: number;
  sent: number;
  skipped: number;
  suppressed: number;
  failed: number;
  unknown: number;
  /** Transient failures queued again under a retry batch. */
  retrying: number;
  /** Rows another run took over before SMTP began (never sent by this run). */
  lost: number;
}

interface ReadyDigest {
  reader: ReaderSnapshot;
  attempts: number;
  recommendations: Recommendations;
}

/**
 * Sends one batch of an edition: claims its rows in one statement, loads its readers in one
 * query, ranks and renders each reader's digest from the run's shared pieces, and sends them with
 * bounded concurrency, recording each outcome (group-committed). Every guarantee is per message:
 * status and suppression are re-checked as "SMTP started" is recorded, a 4xx queues only that
 * reader again, a 5xx suppresses only that address.
 */
export class BatchSender {
  private readonly logger = new Logger(BatchSender.name);
  private readonly sendSlots: Semaphore;
  /** One renderer per edition and hour: shared fragments are reused, and upvotes shown are at most an hour old. */
  private readonly renderers = new Map<string, DigestRenderer>();
  readonly clock = new StageClock();

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly readers: ReaderSnapshots,
    private readonly recorder: DeliveryRecorder,
    private readonly recommendations: RecommendationService,
    private readonly transport: MailTransport,
    private readonly writer: RawMessageWriter,
    private readonly links: SubscriberLinks,
    private readonly messageIds: MessageIds,
    private readonly rate: SendRateLimiter,
    private readonly shards: DigestShards,
    private readonly settings: BatchSettings,
  ) {
    this.sendSlots = new Semaphore(settings.sendConcurrency);
  }

  async send(editionDate: string, batchId: string, now: Date = new Date()): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { claimed: 0, sent: 0, skipped: 0, suppressed: 0, failed: 0, unknown: 0, retrying: 0, lost: 0 };
    const claimToken = randomUUID();
    const claim = await this.clock.time('claim', () => this.deliveries.claimBatch(editionDate, batchId, claimToken, this.settings.leaseMs));
    outcome.unknown += claim.unknown.length;
    outcome.claimed = claim.claimed.length;
    if (claim.claimed.length === 0) return outcome;
    // A long batch (a low send rate) keeps its claims alive, so the sweeper does not re-drive them under it.
    const renew = setInterval(() => void this.deliveries.renewClaims(editionDate, batchId, claimToken).catch(() => undefined), Math.max(1000, this.settings.leaseMs / 3));
    try {
      const snapshots = await this.clock.time('claim', () => this.readers.load(claim.claimed.map((c) => c.subscriberId), editionDate));
      const ready: ReadyDigest[] = [];
      for (const { subscriberId, attempts } of claim.claimed) {
        const reader = snapshots.get(subscriberId);
        if (!reader) continue; // erased since it was queued: its delivery row went with it
        const notNow = this.notSendable(reader);
        if (notNow) {
          await this.finalize(editionDate, subscriberId, claimToken, notNow.state, notNow.reason, outcome);
          continue;
        }
        const recommendations = await this.clock.time('rank', () => this.recommendations.forReader(reader.profile, reader.history, now));
        if (recommendations.papers.length === 0 && this.settings.skipEmptyDigests) {
          await this.finalize(editionDate, subscriberId, claimToken, 'skipped', 'nothing new for this subscriber', outcome);
          continue;
        }
        ready.push({ reader, attempts, recommendations });
      }
      const renderer = this.renderer(editionDate, now);
      const papers = new Map(ready.flatMap((r) => r.recommendations.papers.map((p) => [p.paperId, p.paper] as const)));
      await this.clock.time('render', () => renderer.prepare([...papers.values()].map(toDigestPaper)));

      const retries: Array<{ subscriberId: string; claimToken: string; lastError: string }> = [];
      const inFlight: Array<Promise<void>> = [];
      // A send that cannot record its state (the database is unreachable) stops the batch: the rest
      // stay claimed, unstarted, and the job's retry takes them again. Caught at once, so no
      // rejection is left unhandled while later sends wait for a slot.
      let failure: { error: unknown } | null = null;
      for (const digest of ready) {
        await this.sendSlots.acquire();
        if (failure) {
          this.sendSlots.release();
          break;
        }
        inFlight.push(
          this.sendOne(editionDate, claimToken, digest, renderer, now, outcome, retries)
            .catch((error: unknown) => void (failure ??= { error }))
            .finally(() => this.sendSlots.release()),
        );
      }
      await Promise.all(inFlight);
      if (retries.length) await this.scheduleRetry(editionDate, batchId, retries, outcome);
      if (failure) throw (failure as { error: unknown }).error;
      return outcome;
    } finally {
      clearInterval(renew);
    }
  }

  private notSendable(reader: ReaderSnapshot): { state: 'skipped' | 'suppressed'; reason: string } | null {
    const { status, frequency } = reader.profile;
    if (status !== 'active' || frequency === 'paused') return { state: 'skipped', reason: `subscriber is ${frequency === 'paused' ? 'paused' : status}` };
    if (reader.suppressed) return { state: 'suppressed', reason: 'address is on the suppression list' };
    return null;
  }

  private async sendOne(
    editionDate: string,
    claimToken: string,
    { reader, attempts, recommendations }: ReadyDigest,
    renderer: DigestRenderer,
    now: Date,
    outcome: BatchOutcome,
    retries: Array<{ subscriberId: string; claimToken: string; lastError: string }>,
  ): Promise<void> {
    const id = reader.profile.id;
    const digest = composeDigest(reader.profile, editionDate, recommendations, this.links);
    const body = this.clock.timeSync('render', () => renderer.renderEncoded(digest));
    const messageId = this.messageIds.digest(id, editionDate);
    const raw = this.clock.timeSync('mime', () =>
      this.writer.write({ to: reader.profile.email, subject: digestSubject(editionDate, digest.papers.length), messageId, date: now, unsubscribeUrl: digest.unsubscribeUrl }, body),
    );
    await this.rate.take();
    const decision = await this.clock.time('record', () => this.recorder.smtpStarted(editionDate, { subscriberId: id, claimToken, paperIds: recommendations.papers.map((p) => p.paperId), messageId }));
    if (!decision.go) {
      if (decision.refusal === 'taken') outcome.lost++;
      else await this.finalize(editionDate, id, claimToken, decision.refusal === 'suppressed' ? 'suppressed' : 'skipped', `subscriber is ${decision.refusal} at send time`, outcome);
      return;
    }
    try {
      await this.clock.time('smtp', () => this.transport.sendRaw({ to: reader.profile.email, raw }));
    } catch (error) {
      await this.onSendFailure(editionDate, claimToken, reader, attempts, error, outcome, retries);
      return;
    }
    await this.clock.time('record', () => this.recorder.sent(editionDate, id));
    outcome.sent++;
  }

  private async onSendFailure(
    editionDate: string,
    claimToken: string,
    reader: ReaderSnapshot,
    attempts: number,
    error: unknown,
    outcome: BatchOutcome,
    retries: Array<{ subscriberId: string; claimToken: string; lastError: string }>,
  ): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const id = reader.profile.id;
    switch (classifySmtpFailure(error)) {
      case 'permanent':
        await this.deliveries.suppressAfterHardBounce(editionDate, reader.profile, claimToken, message);
        outcome.suppressed++;
        this.logger.warn(`digest to subscriber ${id} refused permanently; address suppressed`);
        return;
      case 'transient':
        if (attempts >= this.settings.maxAttempts) {
          await this.finalize(editionDate, id, claimToken, 'failed', `failed after ${attempts} attempts: ${message}`, outcome);
          this.logger.error(`digest to subscriber ${id} failed after ${attempts} attempts: ${message}`);
          return;
        }
        retries.push({ subscriberId: id, claimToken, lastError: message });
        return;
      case 'unknown':
        // The exchange broke after DATA began: the server may have accepted it. Never risk a second copy.
        await this.finalize(editionDate, id, claimToken, 'unknown', message, outcome);
        this.logger.error(`digest to subscriber ${id} has an unknown outcome: ${message}`);
    }
  }

  private async finalize(editionDate: string, subscriberId: string, claimToken: string, state: 'skipped' | 'suppressed' | 'failed' | 'unknown', reason: string, outcome: BatchOutcome): Promise<void> {
    await this.clock.time('record', () => this.recorder.final(editionDate, { subscriberId, claimToken, state, lastError: reason }));
    outcome[state]++;
  }

  /** Transient failures go back to `queued` under the next retry batch, sent after a backoff. */
  private async scheduleRetry(editionDate: string, batchId: string, retries: Array<{ subscriberId: string; claimToken: string; lastError: string }>, outcome: BatchOutcome): Promise<void> {
    const next = retryBatchId(batchId);
    const requeued = await this.deliveries.requeue(editionDate, retries, next);
    outcome.retrying += requeued.length;
    if (requeued.length === 0) return;
    const delay = retryDelayMs(retryGeneration(next), this.settings.retryBaseMs);
    await this.shards.queue(shardOf(batchId, this.shards.count)).add('batch', { editionDate, batchId: next }, { jobId: next, delay });
  }

  private renderer(editionDate: string, now: Date): DigestRenderer {
    const key = `${editionDate}.${now.toISOString().slice(0, 13)}`;
    let renderer = this.renderers.get(key);
    if (!renderer) {
      renderer = new DigestRenderer();
      this.renderers.set(key, renderer);
      // Keep only the newest few: a run lasts minutes, and old fragments hold stale counts.
      while (this.renderers.size > 3) this.renderers.delete(this.renderers.keys().next().value!);
    }
    return renderer;
  }
}
