// Job payloads carry ids and dates, never rendered content: a job retried a day
// later must see current data (an unsubscribe, a corrected title).

/** Sources a job may name; `file` only when INGEST_FILE is configured. */
export function ingestSourceNames(ingestFile: string | undefined): string[] {
  return ['daily-papers', 'arxiv', 'sample', ...(ingestFile ? ['file'] : [])];
}

export interface IngestJob {
  source: string;
  /** YYYY-MM-DD */
  day: string;
}

export interface ConfirmationMailJob {
  subscriberId: string;
}

/**
 * One batch of digests: the delivery rows of `editionDate` labelled `batchId` (created queued
 * when the batch was planned). Membership lives in Postgres, so the job stays tiny in Redis.
 */
export interface DigestBatchJob {
  editionDate: string;
  batchId: string;
}

/** An operator's run of one edition: the worker expands it into digest batches. */
export interface PlanEditionJob {
  editionDate: string;
  subscriberId?: string;
}
