import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { jobId, QUEUE, type IngestJob } from '@app/queue';
import { SampleSource } from '@app/ingest';

/**
 * With LOAD_SAMPLE_DATA (on for `npm start`), enqueue one ingest job per day
 * of the bundled sample. Deterministic ids and idempotent upserts make a
 * restart harmless.
 */
@Injectable()
export class SampleDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SampleDataLoader.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectQueue(QUEUE.ingest) private readonly queue: Queue<IngestJob>,
    @Inject(SampleSource) private readonly sample: SampleSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.loadSampleData) return;
    const days = this.sample.days();
    await this.queue.addBulk(
      days.map((day) => ({ name: 'ingest', data: { source: 'sample', day }, opts: { jobId: jobId.ingest('sample', day) } })),
    );
    this.logger.log(`queued the sample papers: ${days.length} days`);
  }
}
