import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobId, QUEUE, type DigestJob } from '@app/queue';
import { activeSubscriberIds, dueSubscribers } from './digest-planner.js';

const BATCH = 1000;

/**
 * Turns "who is due" into digest jobs, a batch at a time, with deterministic
 * ids: two schedulers running at once add each job once, and the delivery
 * row's unique key stops anything that slips through.
 */
@Injectable()
export class DigestEnqueuer {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectQueue(QUEUE.digest) private readonly queue: Queue<DigestJob>,
  ) {}

  async enqueueDue(now: Date): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const due = await dueSubscribers(this.dataSource.manager, now, after, BATCH);
      if (due.length === 0) return total;
      await this.add(due);
      total += due.length;
      after = due[due.length - 1].subscriberId;
    }
  }

  /** An operator's run: that edition for every active subscriber (or one), whatever their hour. */
  async enqueueEdition(editionDate: string, subscriberId?: string): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const ids = await activeSubscriberIds(this.dataSource.manager, after, BATCH, subscriberId);
      if (ids.length === 0) return total;
      await this.add(ids.map((id) => ({ subscriberId: id, editionDate })));
      total += ids.length;
      after = ids[ids.length - 1];
    }
  }

  /** A crashed or lost claim whose SMTP exchange never began: run it again, unless its job is still queued. */
  async redrive(subscriberId: string, editionDate: string, attempt: string): Promise<void> {
    const original = await this.queue.getJob(jobId.digest(subscriberId, editionDate));
    if (original && ['waiting', 'delayed', 'prioritized'].includes(await original.getState())) return;
    await this.queue.add('digest', { subscriberId, editionDate }, { jobId: `${jobId.digest(subscriberId, editionDate)}.redrive${attempt}` });
  }

  private async add(items: DigestJob[]): Promise<void> {
    // The row exists before the job: a job lost from Redis (or a worker killed before it claimed)
    // leaves a visible, unclaimed row that the sweeper re-drives. Nothing goes missing silently.
    await this.dataSource.query(
      `INSERT INTO deliveries (subscriber_id, edition_date, state, attempts, claimed_at)
       SELECT s, d::date, 'claimed', 0, NULL FROM unnest($1::uuid[], $2::text[]) AS t(s, d)
       ON CONFLICT ON CONSTRAINT "UQ_deliveries_subscriber_edition" DO NOTHING`,
      [items.map((i) => i.subscriberId), items.map((i) => i.editionDate)],
    );
    await this.queue.addBulk(items.map((data) => ({ name: 'digest', data, opts: { jobId: jobId.digest(data.subscriberId, data.editionDate) } })));
  }
}
