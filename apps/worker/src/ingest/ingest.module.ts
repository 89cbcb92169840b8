import { Module } from '@nestjs/common';
import { IngestProcessor } from './ingest.processor.js';
import { IngestService } from './ingest.service.js';
import { SampleDataLoader } from './sample-data.loader.js';
import { PAPER_SOURCES } from './sources/paper-source.js';
import { SampleSource } from './sources/sample-source.js';

@Module({
  providers: [
    SampleSource,
    { provide: PAPER_SOURCES, inject: [SampleSource], useFactory: (sample: SampleSource) => [sample] },
    IngestService,
    IngestProcessor,
    SampleDataLoader,
  ],
  exports: [IngestService],
})
export class IngestModule {}
