import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { IngestRun } from '@app/database';
import { InvalidInputError } from '@app/platform';
import { PAPER_SOURCES, type PaperSource } from './sources/paper-source.js';
import { upsertPapers } from './paper-upsert.js';

const FETCH_TIMEOUT_MS = 30000;

/** Fetches one (source, day), upserts what parsed, and records the run. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @Inject(PAPER_SOURCES) private readonly sources: PaperSource[],
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(IngestRun) private readonly runs: Repository<IngestRun>,
  ) {}

  sourceNames(): string[] {
    return this.sources.map((s) => s.name);
  }

  source(name: string): PaperSource {
    const source = this.sources.find((s) => s.name === name);
    if (!source) throw new InvalidInputError(`unknown source "${name}" (known: ${this.sourceNames().join(', ')})`, 'source');
    return source;
  }

  /** Ingests one day from a configured source (by name) or an ad-hoc one (the CLI's files). */
  async run(sourceOrName: string | PaperSource, day: string): Promise<IngestRun> {
    const source = typeof sourceOrName === 'string' ? this.source(sourceOrName) : sourceOrName;
    const sourceName = source.name;
    const run = await this.runs.save(this.runs.create({ source: sourceName, day, status: 'running' }));
    try {
      const batch = await source.fetchDay(day, AbortSignal.timeout(FETCH_TIMEOUT_MS));
      const counts = await this.dataSource.transaction((manager) => upsertPapers(manager, batch.papers));
      Object.assign(run, {
        status: 'succeeded',
        fetched: batch.fetched,
        createdCount: counts.created,
        updatedCount: counts.updated,
        skippedCount: batch.skipped.length,
        skipped: batch.skipped,
        finishedAt: new Date(),
      });
      this.logger.log(`ingest ${sourceName} ${day}: ${batch.fetched} fetched, ${counts.created} new, ${counts.updated} updated, ${batch.skipped.length} skipped`);
    } catch (error) {
      Object.assign(run, { status: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: new Date() });
      await this.runs.save(run);
      throw error;
    }
    return this.runs.save(run);
  }
}
