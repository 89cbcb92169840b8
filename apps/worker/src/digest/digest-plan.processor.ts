import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EditionPlanner } from '@app/delivery';
import { QUEUE, type PlanEditionJob } from '@app/queue';

/** Expands an operator's run of an edition (`plan-edition` jobs) into digest batches. */
@Processor(QUEUE.digest, { concurrency: 1 })
export class DigestPlanProcessor extends WorkerHost {
  constructor(@Inject(EditionPlanner) private readonly planner: EditionPlanner) {
    super();
  }

  async process(job: Job<PlanEditionJob>): Promise<{ queued: number }> {
    return { queued: await this.planner.enqueueEdition(job.data.editionDate, job.data.subscriberId) };
  }
}
