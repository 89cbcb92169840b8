import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { CronJob } from 'cron';
import { AppConfig } from '@app/config';
import { jobId, minuteSlot, QUEUE, type IngestJob } from '@app/queue';

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The ingest cron only enqueues: one job per (source, day) per firing, with an
 * id made of source, day and the firing's minute, so replicas firing together
 * add it once while later firings still refresh upvotes. Today and yesterday
 * (UTC) are fetched, since papers keep gaining upvotes after their day.
 */
export function ingestJobsFor(sources: string[], firedAt: Date): Array<{ name: string; data: IngestJob; opts: { jobId: string } }> {
  const slot = minuteSlot(firedAt);
  const days = [utcDay(firedAt), utcDay(new Date(firedAt.getTime() - 24 * 3600 * 1000))];
  return sources.flatMap((source) =>
    days.map((day) => ({ name: 'ingest', data: { source, day }, opts: { jobId: `${jobId.ingest(source, day)}.${slot}` } })),
  );
}

@Injectable()
export class IngestScheduler implements OnModuleInit {
  private readonly logger = new Logger(IngestScheduler.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @InjectQueue(QUEUE.ingest) private readonly queue: Queue<IngestJob>,
  ) {}

  onModuleInit(): void {
    if (this.config.ingestSources.length === 0) return;
    // Registered here rather than with @Cron so the schedule comes from INGEST_CRON.
    const job = CronJob.from({ cronTime: this.config.ingestCron, timeZone: 'UTC', onTick: () => void this.enqueue(new Date()), start: true });
    this.registry.addCronJob('ingest', job);
  }

  async enqueue(firedAt: Date): Promise<void> {
    try {
      await this.queue.addBulk(ingestJobsFor(this.config.ingestSources, firedAt));
    } catch (error) {
      this.logger.error(`could not enqueue ingest jobs: ${String(error)}`);
    }
  }
}
