import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { minuteSlot } from '@app/queue';
import { expiredClaims, markUnknownAfterCrash } from './delivery-claims.js';
import { DigestEnqueuer } from './digest-enqueuer.js';

/**
 * Two crons, both only enqueueing or marking rows: one finds who is due (by
 * their own clock), one resolves claims a crashed worker left behind.
 */
@Injectable()
export class DigestScheduler implements OnModuleInit {
  private readonly logger = new Logger(DigestScheduler.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DigestEnqueuer) private readonly enqueuer: DigestEnqueuer,
  ) {}

  onModuleInit(): void {
    this.registry.addCronJob('digests-due', CronJob.from({ cronTime: this.config.digestCron, timeZone: 'UTC', start: true, onTick: () => void this.tick() }));
    this.registry.addCronJob('digest-claims', CronJob.from({ cronTime: this.config.digestSweepCron, timeZone: 'UTC', start: true, onTick: () => void this.sweep() }));
  }

  async tick(now: Date = new Date()): Promise<void> {
    try {
      const queued = await this.enqueuer.enqueueDue(now);
      if (queued) this.logger.log(`queued ${queued} due digest(s)`);
    } catch (error) {
      this.logger.error(`could not enqueue due digests: ${String(error)}`);
    }
  }

  /** The written crash policy: re-drive claims whose SMTP exchange never began; mark the others unknown. */
  async sweep(now: Date = new Date()): Promise<void> {
    try {
      for (const claim of await expiredClaims(this.dataSource.manager, this.config.digestLeaseMs, 500)) {
        if (claim.smtpStarted) {
          await markUnknownAfterCrash(this.dataSource.manager, claim.id);
          this.logger.error(`delivery ${claim.id} (${claim.editionDate}) is unknown: a worker stopped mid-SMTP; not re-sent`);
        } else {
          await this.enqueuer.redrive(claim.subscriberId, claim.editionDate, minuteSlot(now));
        }
      }
    } catch (error) {
      this.logger.error(`could not sweep digest claims: ${String(error)}`);
    }
  }
}
