import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUE, type IngestJob } from '@app/queue';
import { IngestService } from '@app/ingest';

@Processor(QUEUE.ingest, { concurrency: 2 })
export class IngestProcessor extends WorkerHost {
  constructor(@Inject(IngestService) private readonly ingest: IngestService) {
    super();
  }

  async process(job: Job<IngestJob>): Promise<{ runId: string; created: number; updated: number; skipped: number }> {
    const run = await this.ingest.run(job.data.source, job.data.day);
    return { runId: run.id, created: run.createdCount, updated: run.updatedCount, skipped: run.skippedCount };
  }
}
