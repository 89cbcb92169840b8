import { shown } from './field-rules.js';
import type { NormalizedPaper, SkippedEntry } from './normalized-paper.js';

/** Entries listed in one ingest run's report; the counts stay exact beyond it. */
export const MAX_REPORTED_ENTRIES = 200;

/**
 * A report as an ingest run stores it: refs and reasons cleaned and short (they quote feed text), and at most
 * MAX_REPORTED_ENTRIES of them, then one line counting the rest, so a feed of a million broken entries stores a
 * few kilobytes.
 */
export function boundedReport(entries: readonly SkippedEntry[], max = MAX_REPORTED_ENTRIES): SkippedEntry[] {
  const listed = entries.slice(0, max).map((e) => ({ ref: shown(String(e.ref), 120), reason: shown(String(e.reason), 300) }));
  if (entries.length > max) listed.push({ ref: '…', reason: `${entries.length - max} more not listed` });
  return listed;
}

/**
 * The same paper twice in one day's batch: the last one is kept (the freshest, in an export that appends
 * updates) and each earlier one is reported.
 */
export function withoutDuplicates(papers: readonly NormalizedPaper[]): { papers: NormalizedPaper[]; skipped: SkippedEntry[] } {
  const last = new Map(papers.map((p, i) => [p.arxivId, i]));
  const skipped: SkippedEntry[] = [];
  const kept = papers.filter((p, i) => {
    if (last.get(p.arxivId) === i) return true;
    skipped.push({ ref: `paper ${shown(p.arxivId, 40)}`, reason: 'listed again later in the same day; the later entry is kept' });
    return false;
  });
  return { papers: kept, skipped };
}
