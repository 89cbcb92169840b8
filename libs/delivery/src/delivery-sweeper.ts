import { Logger } from '@nestjs/common';
import type { DeliveryRepository } from '@app/database';
import type { DigestShards } from '@app/queue';
import { minuteSlot } from '@app/queue';
import { redriveBatchId, shardOf } from './batch-ids.js';

/** Job states in which a batch will still run. */
const LIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface SweepReport {
  unknown: number;
  redriven: number;
}

/**
 * The crash policy, applied to whatever a crash left behind: claims past their lease whose SMTP
 * exchange began become `unknown` (never re-sent); claims past their lease that never reached SMTP,
 * and queued rows whose batch job is gone (lost from Redis, or finished without them), are
 * re-driven in a new batch.
 */
export class DeliverySweeper {
  private readonly logger = new Logger(DeliverySweeper.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly shards: DigestShards,
    private readonly leaseMs: number,
    /** Queued rows untouched this long are checked against their job. */
    private readonly quietMs: number = 60_000,
  ) {}

  async sweep(now: Date = new Date()): Promise<SweepReport> {
    const report: SweepReport = { unknown: 0, redriven: 0 };
    for (const editionDate of await this.deliveries.openEditions()) {
      const stale = await this.deliveries.stale(editionDate, this.leaseMs, this.quietMs);
      report.unknown += stale.unknown.length;
      for (const id of stale.unknown) this.logger.error(`delivery of ${editionDate} to subscriber ${id} is unknown: a worker stopped mid-SMTP; not re-sent`);
      let n = 0;
      for (const { batchId } of stale.queuedBatches) {
        const shard = shardOf(batchId, this.shards.count);
        if (batchId && LIVE.has(await this.shards.queue(shard).getJobState(batchId))) continue;
        report.redriven += await this.redrive(editionDate, shard, redriveBatchId(editionDate, shard, minuteSlot(now), n++), { batchId });
      }
      if (stale.abandoned.length) {
        report.redriven += await this.redrive(editionDate, 0, redriveBatchId(editionDate, 0, minuteSlot(now), n++), { abandoned: stale.abandoned, leaseMs: this.leaseMs });
      }
    }
    if (report.redriven) this.logger.warn(`re-drove ${report.redriven} delivery(ies) whose batch was lost or whose worker stopped before SMTP`);
    return report;
  }

  private async redrive(editionDate: string, shard: number, batchId: string, from: Parameters<DeliveryRepository['relabel']>[2]): Promise<number> {
    const moved = await this.deliveries.relabel(editionDate, batchId, from);
    if (moved) await this.shards.queue(shard).add('batch', { editionDate, batchId }, { jobId: batchId });
    return moved;
  }
}
