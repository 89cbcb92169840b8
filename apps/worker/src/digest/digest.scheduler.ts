import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '@app/config';
import { DeliverySweeper, EditionPlanner, PartitionKeeper } from '@app/delivery';

/**
 * The digest crons; each only plans, marks or creates, never sends: one finds who is due (by their
 * own clock), one applies the crash policy to what a crashed worker left behind, one keeps the
 * daily partitions of deliveries (also at boot).
 */
@Injectable()
export class DigestScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DigestScheduler.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(EditionPlanner) private readonly planner: EditionPlanner,
    @Inject(DeliverySweeper) private readonly sweeper: DeliverySweeper,
    @Inject(PartitionKeeper) private readonly partitions: PartitionKeeper,
  ) {}

  onModuleInit(): void {
    const cron = (name: string, cronTime: string, onTick: () => Promise<unknown>) =>
      this.registry.addCronJob(name, CronJob.from({ cronTime, timeZone: 'UTC', start: true, onTick: () => void onTick() }));
    cron('digests-due', this.config.digestCron, () => this.tick());
    cron('digest-claims', this.config.digestSweepCron, () => this.sweep());
    cron('delivery-partitions', '0 7 * * * *', () => this.maintainPartitions());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.maintainPartitions();
  }

  async tick(now: Date = new Date()): Promise<void> {
    try {
      const queued = await this.planner.enqueueDue(now);
      if (queued) this.logger.log(`queued ${queued} due digest(s)`);
    } catch (error) {
      this.logger.error(`could not enqueue due digests: ${String(error)}`);
    }
  }

  async sweep(now: Date = new Date()): Promise<void> {
    try {
      await this.sweeper.sweep(now);
    } catch (error) {
      this.logger.error(`could not sweep digest claims: ${String(error)}`);
    }
  }

  async maintainPartitions(now: Date = new Date()): Promise<void> {
    try {
      await this.partitions.maintain(now);
    } catch (error) {
      this.logger.error(`could not maintain delivery partitions: ${String(error)}`);
    }
  }
}
