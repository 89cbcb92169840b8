import { Module } from '@nestjs/common';
import { IngestCoreModule } from '@app/ingest';
import { IngestProcessor } from './ingest.processor.js';
import { IngestScheduler } from './ingest.scheduler.js';
import { SampleDataLoader } from './sample-data.loader.js';

@Module({
  imports: [IngestCoreModule],
  providers: [IngestProcessor, IngestScheduler, SampleDataLoader],
})
export class IngestModule {}
