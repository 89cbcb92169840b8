import { Inject, Injectable, Logger } from '@nestjs/common';
import { IngestRunRepository, PaperRepository, type IngestRun } from '@app/database';
import { boundedReport, shown, storableRaw, withoutDuplicates } from './parsing.js';
import { InvalidInputError } from '@app/platform';
import { PAPER_SOURCES, type PaperSource } from './sources/paper-source.js';

const FETCH_TIMEOUT_MS = 30000;

/** Fetches one (source, day), upserts what parsed, and records the run. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @Inject(PAPER_SOURCES) private readonly sources: PaperSource[],
    @Inject(PaperRepository) private readonly papers: PaperRepository,
    @Inject(IngestRunRepository) private readonly runs: IngestRunRepository,
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
    const run = await this.runs.start(sourceName, day);
    try {
      const batch = await source.fetchDay(day, AbortSignal.timeout(FETCH_TIMEOUT_MS));
      const unique = withoutDuplicates(batch.papers);
      const upserted = await this.papers.upsert(unique.papers.map((paper) => ({ ...paper, raw: storableRaw(paper.raw ?? null) })));
      // Refused by Postgres despite the parsers' bounds: reported, the rest landed.
      const refused = upserted.refused.map(({ paper, reason }) => ({ ref: `paper ${shown(paper.arxivId, 40)}`, reason: `refused by the database: ${shown(reason, 200)}` }));
      const skipped = [...batch.skipped, ...unique.skipped, ...refused];
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
      await this.runs.finish(run);
      throw error;
    }
    return this.runs.finish(run);
  }
}
