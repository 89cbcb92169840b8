import { QueryFailedError, type EntityManager } from 'typeorm';
import { shown, storableRaw, type NormalizedPaper, type SkippedEntry } from '@app/ingest';

export interface UpsertCounts {
  created: number;
  updated: number;
}

export interface UpsertResult extends UpsertCounts {
  /** Papers Postgres refused, each with its reason; the others landed. */
  refused: SkippedEntry[];
}

const COLUMNS = [
  'arxiv_id', 'title', 'abstract', 'ai_summary', 'authors', 'author_count', 'organization', 'arxiv_date',
  'featured_date', 'upvotes', 'links', 'keywords', 'source', 'withdrawn_at', 'raw',
] as const;

function row(p: NormalizedPaper): unknown[] {
  return [
    p.arxivId, p.title, p.abstract, p.aiSummary, JSON.stringify(p.authors), p.authorCount, p.organization, p.arxivDate,
    p.featuredDate, p.upvotes, JSON.stringify(p.links), JSON.stringify(p.keywords), p.source, p.withdrawnAt,
    // Bounded again here: a source that bypasses the parsers must not be able to fail a day with its raw entry.
    JSON.stringify(storableRaw(p.raw ?? null)),
  ];
}

/** Postgres refused a value (class 22 data exception, 23 constraint, 54 limit), not the connection or the statement. */
function isDataError(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

/** One INSERT … ON CONFLICT for a batch; how many rows were new and how many updated. */
async function upsertStatement(manager: EntityManager, batch: NormalizedPaper[]): Promise<UpsertCounts> {
  const params: unknown[] = [];
  const values = batch.map((paper) => {
    const placeholders = row(paper).map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const result: Array<{ inserted: boolean }> = await manager.query(
    `INSERT INTO papers (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}
     ON CONFLICT (arxiv_id) DO UPDATE SET
       title = EXCLUDED.title,
       abstract = CASE WHEN EXCLUDED.abstract <> '' THEN EXCLUDED.abstract ELSE papers.abstract END,
       ai_summary = COALESCE(EXCLUDED.ai_summary, papers.ai_summary),
       authors = CASE WHEN jsonb_array_length(EXCLUDED.authors) > 0 THEN EXCLUDED.authors ELSE papers.authors END,
       author_count = COALESCE(EXCLUDED.author_count, papers.author_count),
       organization = COALESCE(EXCLUDED.organization, papers.organization),
       arxiv_date = COALESCE(EXCLUDED.arxiv_date, papers.arxiv_date),
       featured_date = COALESCE(papers.featured_date, EXCLUDED.featured_date),
       upvotes = COALESCE(EXCLUDED.upvotes, papers.upvotes),
       links = papers.links || EXCLUDED.links,
       keywords = CASE WHEN jsonb_array_length(EXCLUDED.keywords) > 0 THEN EXCLUDED.keywords ELSE papers.keywords END,
       withdrawn_at = COALESCE(EXCLUDED.withdrawn_at, papers.withdrawn_at),
       raw = EXCLUDED.raw,
       updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    params,
  );
  const counts: UpsertCounts = { created: 0, updated: 0 };
  for (const r of result) r.inserted ? counts.created++ : counts.updated++;
  return counts;
}

/**
 * Inserts new papers and refreshes known ones in one statement per batch.
 * Re-ingesting a day updates upvotes and text but never duplicates a paper;
 * a missing count (null) never overwrites a known one, and the first
 * featured date is kept.
 *
 * The parsers bound every field, but should Postgres still refuse a value, the
 * batch is retried one paper at a time (each in a savepoint of the caller's
 * transaction) so the refused paper is reported and the others land.
 */
export async function upsertPapers(manager: EntityManager, papers: NormalizedPaper[], batchSize = 200): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, refused: [] };
  const add = (counts: UpsertCounts) => {
    result.created += counts.created;
    result.updated += counts.updated;
  };
  // The same id twice in one statement would make ON CONFLICT fail: keep the last.
  const unique = [...new Map(papers.map((p) => [p.arxivId, p])).values()];
  for (let start = 0; start < unique.length; start += batchSize) {
    const batch = unique.slice(start, start + batchSize);
    try {
      add(await manager.transaction((savepoint) => upsertStatement(savepoint, batch)));
    } catch (error) {
      if (!isDataError(error)) throw error;
      for (const paper of batch) {
        try {
          add(await manager.transaction((savepoint) => upsertStatement(savepoint, [paper])));
        } catch (rowError) {
          if (!isDataError(rowError)) throw rowError;
          result.refused.push({ ref: `paper ${shown(paper.arxivId, 40)}`, reason: `refused by the database: ${shown((rowError as Error).message, 200)}` });
        }
      }
    }
  }
  return result;
}
