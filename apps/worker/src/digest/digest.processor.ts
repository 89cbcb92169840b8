import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { Job } from 'bullmq';
import { QUEUE, type DigestJob, type PlanEditionJob } from '@app/queue';
import { DigestEnqueuer } from './digest-enqueuer.js';
import { DigestService, type DigestOutcome } from './digest.service.js';

/** Sends digests (`digest` jobs) and expands operator runs (`plan-edition` jobs). The send rate is set on the queue (DIGEST_SEND_RATE). */
@Processor(QUEUE.digest, { concurrency: 20 })
export class DigestProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(DigestService) private readonly digests: DigestService,
    @Inject(DigestEnqueuer) private readonly enqueuer: DigestEnqueuer,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The decorator's concurrency is static; WORKER_CONCURRENCY sets the real one (keep it near DATABASE_POOL_SIZE). */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  async process(job: Job<DigestJob | PlanEditionJob>): Promise<DigestOutcome | { queued: number }> {
    if (job.name === 'plan-edition') {
      const plan = job.data as PlanEditionJob;
      return { queued: await this.enqueuer.enqueueEdition(plan.editionDate, plan.subscriberId) };
    }
    const data = job.data as DigestJob;
    const attempts = job.opts.attempts ?? 1;
    return this.digests.deliver(data.subscriberId, data.editionDate, { lastAttempt: job.attemptsMade + 1 >= attempts });
  }
}
