import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker, type ConnectionOptions } from 'bullmq';
import { AppConfig } from '@app/config';
import { BatchSender, type BatchOutcome } from '@app/delivery';
import { BULL_CONNECTION, DigestShards, digestShardPrefix, digestShardQueue, type DigestBatchJob } from '@app/queue';

/**
 * One BullMQ worker per digest shard queue (their number is configuration, so they are built here
 * rather than with @Processor). Closed before the database and SMTP pools on shutdown, so batches
 * in flight finish their SMTP exchanges.
 */
@Injectable()
export class DigestBatchWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestBatchWorkers.name);
  private workers: Worker<DigestBatchJob, BatchOutcome>[] = [];

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(BatchSender) private readonly sender: BatchSender,
    @Inject(DigestShards) private readonly shards: DigestShards,
    @Inject(BULL_CONNECTION) private readonly connection: ConnectionOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.workers = this.shards.queues.map(
      (_, shard) =>
        new Worker<DigestBatchJob, BatchOutcome>(digestShardQueue(shard), (job) => this.sender.send(job.data.editionDate, job.data.batchId), {
          connection: this.connection,
          prefix: digestShardPrefix(this.config.queuePrefix, shard),
          concurrency: this.config.digestBatchConcurrency,
        }),
    );
    for (const worker of this.workers) worker.on('failed', (job, error) => this.logger.warn(`digest batch ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  }

  /** Stops taking new batches in this process (running ones finish); for operators and tests. */
  async pause(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.pause()));
  }

  resume(): void {
    for (const w of this.workers) w.resume();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
