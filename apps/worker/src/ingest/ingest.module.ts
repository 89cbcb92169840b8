import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IngestScheduler } from './ingest.scheduler.js';
import { DailyPapersSource } from './sources/daily-papers-source.js';
import { IngestProcessor } from './ingest.processor.js';
import { IngestService } from './ingest.service.js';
import { SampleDataLoader } from './sample-data.loader.js';
import { PAPER_SOURCES } from './sources/paper-source.js';
import { SampleSource } from './sources/sample-source.js';

@Module({
  providers: [
    SampleSource,
    {
      provide: PAPER_SOURCES,
      inject: [SampleSource, AppConfig],
      useFactory: (sample: SampleSource, config: AppConfig) => [sample, new DailyPapersSource(config.dailyPapersBaseUrl)],
    },
    IngestScheduler,
    IngestService,
    IngestProcessor,
    SampleDataLoader,
  ],
  exports: [IngestService],
})
export class IngestModule {}
