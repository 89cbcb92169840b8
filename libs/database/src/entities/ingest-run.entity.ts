import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const INGEST_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type IngestRunStatus = (typeof INGEST_RUN_STATUSES)[number];

export interface SkippedEntry {
  ref: string;
  reason: string;
}

/** What one (source, day) ingest fetched and what it did with it. */
@Entity('ingest_runs')
@Index('IDX_ingest_runs_source_day', ['source', 'day'])
export class IngestRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  source: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'enum', enum: INGEST_RUN_STATUSES, enumName: 'ingest_run_status', default: 'running' })
  status: IngestRunStatus;

  @Column({ type: 'integer', default: 0 })
  fetched: number;

  @Column({ name: 'created_count', type: 'integer', default: 0 })
  createdCount: number;

  @Column({ name: 'updated_count', type: 'integer', default: 0 })
  updatedCount: number;

  @Column({ name: 'skipped_count', type: 'integer', default: 0 })
  skippedCount: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  skipped: SkippedEntry[];

  /** Entries that landed with a field left out or cut (a count too large, a date out of range, an unsafe link). */
  @Column({ name: 'corrected_count', type: 'integer', default: 0 })
  correctedCount: number;

  /** One reason per corrected field; long lists end with a summary line (the counts stay exact). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  corrected: SkippedEntry[];

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
