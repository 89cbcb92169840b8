import type { NormalizedPaper } from '../parsing.js';
import type { SkippedEntry } from '@app/database';

/** What one fetch of one (source, day) produced, before it touches the database. */
export interface SourceBatch {
  /** Entries the source returned, parsed or not. */
  fetched: number;
  papers: NormalizedPaper[];
  skipped: SkippedEntry[];
  /** Entries that landed with a field left out or cut, one reason per field. */
  corrected?: SkippedEntry[];
}

/** A place papers come from. Each implementation owns its fetching and parsing. */
export interface PaperSource {
  readonly name: string;
  fetchDay(day: string, signal: AbortSignal): Promise<SourceBatch>;
}

/** Injection token of the list of configured sources. */
export const PAPER_SOURCES = Symbol('PAPER_SOURCES');
