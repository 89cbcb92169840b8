import type { EntityManager } from 'typeorm';
import type { NormalizedPaper } from '@app/ingest';

export interface UpsertCounts {
  created: number;
  updated: number;
}

const COLUMNS = [
  'arxiv_id', 'title', 'abstract', 'ai_summary', 'authors', 'author_count', 'organization', 'arxiv_date',
  'featured_date', 'upvotes', 'links', 'keywords', 'source', 'withdrawn_at', 'raw',
] as const;

function row(p: NormalizedPaper): unknown[] {
  return [
    p.arxivId, p.title, p.abstract, p.aiSummary, JSON.stringify(p.authors), p.authorCount, p.organization, p.arxivDate,
    p.featuredDate, p.upvotes, JSON.stringify(p.links), JSON.stringify(p.keywords), p.source, p.withdrawnAt,
    JSON.stringify(p.raw ?? null),
  ];
}

/**
 * Inserts new papers and refreshes known ones in one statement per batch.
 * Re-ingesting a day updates upvotes and text but never duplicates a paper;
 * a missing count (null) never overwrites a known one, and the first
 * featured date is kept.
 */
export async function upsertPapers(manager: EntityManager, papers: NormalizedPaper[], batchSize = 200): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0 };
  // The same id twice in one statement would make ON CONFLICT fail: keep the last.
  const unique = [...new Map(papers.map((p) => [p.arxivId, p])).values()];
  for (let start = 0; start < unique.length; start += batchSize) {
    const batch = unique.slice(start, start + batchSize);
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
    for (const r of result) r.inserted ? counts.created++ : counts.updated++;
  }
  return counts;
}
