import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { IngestRun } from '@app/database';
import { boundedReport, shown, withoutDuplicates } from '@app/ingest';
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
      const unique = withoutDuplicates(batch.papers);
      const upserted = await this.dataSource.transaction((manager) => upsertPapers(manager, unique.papers));
      const skipped = [...batch.skipped, ...unique.skipped, ...upserted.refused];
      const corrected = batch.corrected ?? [];
      Object.assign(run, {
        status: 'succeeded',
        fetched: batch.fetched,
        createdCount: upserted.created,
        updatedCount: upserted.updated,
        skippedCount: skipped.length,
        skipped: boundedReport(skipped),
        correctedCount: corrected.length,
        corrected: boundedReport(corrected),
        finishedAt: new Date(),
      });
      this.logger.log(
        `ingest ${sourceName} ${day}: ${batch.fetched} fetched, ${upserted.created} new, ${upserted.updated} updated, ${skipped.length} skipped, ${corrected.length} fields corrected`,
      );
    } catch (error) {
      // The message may quote feed text (a parser or database error): stored cleaned and short.
      Object.assign(run, { status: 'failed', error: shown(error instanceof Error ? error.message : String(error), 1000), finishedAt: new Date() });
      await this.runs.save(run);
      throw error;
    }
    return this.runs.save(run);
  }
}
