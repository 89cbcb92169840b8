import { Logger } from '@nestjs/common';
import type { DeliveryRepository } from '@app/database';
import type { DigestBatchJob, DigestShards } from '@app/queue';
import { plannedBatchId } from './batch-ids.js';

/**
 * Turns "who is due" (or an operator's "send this edition now") into batch jobs: readers are
 * chunked into batches of DIGEST_BATCH_SIZE spread round-robin over the queue shards; each
 * batch's delivery rows are created `queued` and labelled with its id before its job is added
 * (so a job lost from Redis leaves visible rows for the sweeper), and a job is added only for the
 * rows this call created: two schedulers firing together split the readers between them and add
 * each batch once (deterministic ids).
 */
export class EditionPlanner {
  private readonly logger = new Logger(EditionPlanner.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly shards: DigestShards,
    private readonly batchSize: number,
  ) {}

  /** Every reader due at `now`, by their own clock. Returns how many digests were queued. */
  async enqueueDue(now: Date): Promise<number> {
    let after: string | null = null;
    let total = 0;
    let next = 0;
    for (;;) {
      const due = await this.deliveries.dueReaders(now, after, this.pageSize);
      if (due.length === 0) return total;
      after = due[due.length - 1].subscriberId;
      const byEdition = new Map<string, string[]>();
      for (const { subscriberId, editionDate } of due) (byEdition.get(editionDate) ?? byEdition.set(editionDate, []).get(editionDate)!).push(subscriberId);
      for (const [editionDate, ids] of byEdition) {
        const planned = await this.plan(editionDate, ids, next);
        total += planned.queued;
        next = planned.next;
      }
    }
  }

  /** An operator's run: that edition for every active reader (or one), whatever their hour. */
  async enqueueEdition(editionDate: string, subscriberId?: string): Promise<number> {
    let after: string | null = null;
    let total = 0;
    let next = 0;
    for (;;) {
      const ids = await this.deliveries.activeReaderIds(after, this.pageSize, subscriberId);
      if (ids.length === 0) return total;
      after = ids[ids.length - 1];
      const planned = await this.plan(editionDate, ids, next);
      total += planned.queued;
      next = planned.next;
    }
  }

  /** A page holds one batch for every shard. */
  private get pageSize(): number {
    return this.batchSize * this.shards.count;
  }

  private async plan(editionDate: string, subscriberIds: readonly string[], firstBatch: number): Promise<{ queued: number; next: number }> {
    const batches: Array<{ shard: number; batchId: string; members: readonly string[] }> = [];
    let n = firstBatch;
    for (let i = 0; i < subscriberIds.length; i += this.batchSize, n++) {
      const members = subscriberIds.slice(i, i + this.batchSize);
      const shard = n % this.shards.count;
      batches.push({ shard, batchId: plannedBatchId(editionDate, shard, members), members });
    }
    const created = await this.deliveries.queue(
      editionDate,
      batches.flatMap((b) => b.members.map((subscriberId) => ({ subscriberId, batchId: b.batchId }))),
    );
    const createdBatches = new Set(created.map((c) => c.batchId));
    const jobsByShard = new Map<number, DigestBatchJob[]>();
    for (const b of batches) {
      if (!createdBatches.has(b.batchId)) continue;
      (jobsByShard.get(b.shard) ?? jobsByShard.set(b.shard, []).get(b.shard)!).push({ editionDate, batchId: b.batchId });
    }
    for (const [shard, jobs] of jobsByShard) {
      await this.shards.queue(shard).addBulk(jobs.map((data) => ({ name: 'batch', data, opts: { jobId: data.batchId } })));
    }
    if (created.length) this.logger.debug(`queued ${created.length} digest(s) of ${editionDate} in ${createdBatches.size} batch(es)`);
    return { queued: created.length, next: n };
  }
}
