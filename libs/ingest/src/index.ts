export * from './parsing.js';
export { IngestService } from './ingest.service.js';
export { IngestCoreModule, configuredSources } from './ingest-core.module.js';
export { PAPER_SOURCES, type PaperSource, type SourceBatch } from './sources/paper-source.js';
export { DailyPapersSource } from './sources/daily-papers-source.js';
export { ArxivSource } from './sources/arxiv-source.js';
export { DailyPapersFileSource, ListingPageSource } from './sources/file-sources.js';
export { SampleSource, SAMPLE_DATA_FILE } from './sources/sample-source.js';
