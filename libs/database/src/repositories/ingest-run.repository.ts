import { DataSource } from 'typeorm';
import { IngestRun } from '../entities/ingest-run.entity.js';

/** The record of every (source, day) ingest. */
export class IngestRunRepository {
  constructor(private readonly db: DataSource) {}

  start(source: string, day: string): Promise<IngestRun> {
    const runs = this.db.getRepository(IngestRun);
    return runs.save(runs.create({ source, day, status: 'running' }));
  }

  finish(run: IngestRun): Promise<IngestRun> {
    return this.db.getRepository(IngestRun).save(run);
  }

  /** The newest runs, optionally of one source and/or day. */
  list(filter: { source?: string; day?: string; limit: number }): Promise<IngestRun[]> {
    return this.db.getRepository(IngestRun).find({
      where: { ...(filter.source ? { source: filter.source } : {}), ...(filter.day ? { day: filter.day } : {}) },
      order: { startedAt: 'DESC' },
      take: filter.limit,
    });
  }
}
