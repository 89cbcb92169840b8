import { DataSource, In, IsNull, LessThanOrEqual, MoreThanOrEqual, QueryFailedError, type EntityManager } from 'typeorm';
import { Paper, type PaperLinks } from '../entities/paper.entity.js';
import { sqlOf } from './sql.js';

/** A paper to store, as the ingest hands it over (already bounded and cleaned). */
export interface PaperRecord {
  arxivId: string;
  title: string;
  abstract: string;
  aiSummary: string | null;
  authors: string[];
  authorCount: number | null;
  organization: string | null;
  arxivDate: string | null;
  featuredDate: string | null;
  upvotes: number | null;
  links: PaperLinks;
  keywords: string[];
  /** ISO timestamp */
  withdrawnAt: string | null;
  source: string;
  /** The entry as the source sent it, already made storable. */
  raw: unknown;
}

export interface UpsertCounts {
  created: number;
  updated: number;
}

export interface UpsertResult extends UpsertCounts {
  /** Papers Postgres refused, each with its reason; the others landed. */
  refused: Array<{ paper: PaperRecord; reason: string }>;
}

const COLUMNS = [
  'arxiv_id', 'title', 'abstract', 'ai_summary', 'authors', 'author_count', 'organization', 'arxiv_date',
  'featured_date', 'upvotes', 'links', 'keywords', 'source', 'withdrawn_at', 'raw',
] as const;

function row(p: PaperRecord): unknown[] {
  return [
    p.arxivId, p.title, p.abstract, p.aiSummary, JSON.stringify(p.authors), p.authorCount, p.organization, p.arxivDate,
    p.featuredDate, p.upvotes, JSON.stringify(p.links), JSON.stringify(p.keywords), p.source, p.withdrawnAt, JSON.stringify(p.raw ?? null),
  ];
}

/** Postgres refused a value (class 22 data exception, 23 constraint, 54 limit), not the connection or the statement. */
function isDataError(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

/** One INSERT … ON CONFLICT for a batch; how many rows were new and how many updated. */
async function upsertStatement(manager: EntityManager, batch: PaperRecord[]): Promise<UpsertCounts> {
  const params: unknown[] = [];
  const values = batch.map((paper) => {
    const placeholders = row(paper).map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const result = await sqlOf(manager).query<{ inserted: boolean }>(
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

/** Papers: every statement about them. */
export class PaperRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Inserts new papers and refreshes known ones in one statement per batch, in one transaction.
   * Re-ingesting a day updates upvotes and text but never duplicates a paper; a missing count
   * (null) never overwrites a known one, and the first featured date is kept (so a paper an
   * edition already covered never falls in a later edition's window). Should Postgres refuse a
   * value, the batch is retried one paper at a time (each in a savepoint) so only that paper is
   * refused, with its reason.
   */
  upsert(papers: readonly PaperRecord[], batchSize = 200): Promise<UpsertResult> {
    return this.db.transaction(async (manager) => {
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
              result.refused.push({ paper, reason: (rowError as Error).message });
            }
          }
        }
      }
      return result;
    });
  }

  byId(arxivId: string): Promise<Paper | null> {
    return this.db.getRepository(Paper).findOneBy({ arxivId });
  }

  byIds(arxivIds: readonly string[]): Promise<Paper[]> {
    if (arxivIds.length === 0) return Promise.resolve([]);
    return this.db.getRepository(Paper).find({ where: { arxivId: In([...arxivIds]) } });
  }

  /** Papers featured on or after a day: the pool a run of digests ranks. */
  featuredSince(day: string): Promise<Paper[]> {
    return this.db.getRepository(Paper).find({ where: { featuredDate: MoreThanOrEqual(day) } });
  }

  /** A value that changes whenever the papers featured since `since` (or the topics) change: when to rebuild a run's scores. */
  async version(today: string, since: string): Promise<string> {
    const [{ version }] = await sqlOf(this.db).query<{ version: string }>(
      `SELECT concat_ws('|', $1::text, (SELECT count(*) FROM papers WHERE featured_date >= $2), (SELECT max(updated_at) FROM papers WHERE featured_date >= $2),
                        (SELECT count(*) FROM topics), (SELECT max(updated_at) FROM topics)) AS version`,
      [today, since],
    );
    return version;
  }

  /** One day's papers, not withdrawn, most upvoted first. */
  featuredOn(day: string): Promise<Paper[]> {
    return this.db.getRepository(Paper).find({ where: { featuredDate: day, withdrawnAt: IsNull() }, order: { upvotes: { direction: 'DESC', nulls: 'LAST' }, title: 'ASC' } });
  }

  /** The days with papers just before and just after `day`. */
  async neighbourDays(day: string): Promise<{ previous: string | null; next: string | null }> {
    const [row] = await sqlOf(this.db).query<{ previous: string | null; next: string | null }>(
      `SELECT (SELECT max(featured_date)::text FROM papers WHERE featured_date < $1) AS previous,
              (SELECT min(featured_date)::text FROM papers WHERE featured_date > $1) AS next`,
      [day],
    );
    return row;
  }

  /** The latest day up to `today` that has papers. */
  async latestDay(today: string): Promise<string | null> {
    const latest = await this.db.getRepository(Paper).findOne({ where: { featuredDate: LessThanOrEqual(today) }, order: { featuredDate: 'DESC' }, select: { featuredDate: true, arxivId: true } });
    return latest?.featuredDate ?? null;
  }
}
