import { Logger } from '@nestjs/common';
import type { DeliveryRepository } from '@app/database';
import { addDays, utcDay } from '@app/delivery/rules';

/** Partitions exist this many days ahead (a reader's local date can be a day past UTC's). */
export const PARTITIONS_AHEAD_DAYS = 7;

/**
 * Keeps the daily partitions of deliveries: creates them ahead, and drops those older than
 * DELIVERY_RETENTION_DAYS (detach, then drop). Runs at boot and hourly; idempotent.
 */
export class PartitionKeeper {
  private readonly logger = new Logger(PartitionKeeper.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly retentionDays: number,
  ) {}

  async maintain(now: Date = new Date()): Promise<{ dropped: string[] }> {
    const today = utcDay(now);
    await this.deliveries.ensurePartitions(addDays(today, -1), addDays(today, PARTITIONS_AHEAD_DAYS));
    const dropped = await this.deliveries.dropPartitionsBefore(addDays(today, -this.retentionDays));
    if (dropped.length) this.logger.log(`dropped delivery partitions older than ${this.retentionDays} days: ${dropped.join(', ')}`);
    return { dropped };
  }
}
