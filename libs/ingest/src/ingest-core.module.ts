import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IngestService } from './ingest.service.js';
import { ArxivSource } from './sources/arxiv-source.js';
import { DailyPapersSource } from './sources/daily-papers-source.js';
import { DailyPapersFileSource } from './sources/file-sources.js';
import { PAPER_SOURCES, type PaperSource } from './sources/paper-source.js';
import { SampleSource } from './sources/sample-source.js';

/** Every source the configuration enables, by name. */
export function configuredSources(config: AppConfig, sample: SampleSource): PaperSource[] {
  return [
    sample,
    new DailyPapersSource(config.dailyPapersBaseUrl),
    new ArxivSource(config.arxivBaseUrl, config.arxivCategories),
    ...(config.ingestFile ? [new DailyPapersFileSource(config.ingestFile)] : []),
  ];
}

/** Sources and the ingest service, without processors or crons (the CLI uses this alone). */
@Module({
  providers: [
    SampleSource,
    { provide: PAPER_SOURCES, inject: [AppConfig, SampleSource], useFactory: configuredSources },
    IngestService,
  ],
  exports: [IngestService, SampleSource],
})
export class IngestCoreModule {}
