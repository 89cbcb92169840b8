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

export interface DigestJob {
  subscriberId: string;
  /** YYYY-MM-DD, the subscriber's local date of the edition. */
  editionDate: string;
}

/** An operator's run of one edition: the worker expands it into one DigestJob per subscriber. */
export interface PlanEditionJob {
  editionDate: string;
  subscriberId?: string;
}
