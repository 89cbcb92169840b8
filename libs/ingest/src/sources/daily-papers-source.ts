import { parseDailyPapersText } from '../parsing.js';
import type { PaperSource, SourceBatch } from './paper-source.js';
import { fetchTextWithRetry } from './fetch-with-retry.js';

/** The Daily Papers API: GET {base}/api/daily_papers?date=YYYY-MM-DD. */
export class DailyPapersSource implements PaperSource {
  readonly name = 'daily-papers';

  constructor(private readonly baseUrl: string) {}

  async fetchDay(day: string, signal: AbortSignal): Promise<SourceBatch> {
    const url = `${this.baseUrl}/api/daily_papers?date=${encodeURIComponent(day)}&limit=100`;
    const body = await fetchTextWithRetry(url, { signal });
    const parsed = parseDailyPapersText(body, this.name, this.baseUrl);
    // Asked for this day, the API lists what was featured on it, whatever an entry's own (missing or broken) date says.
    const papers = parsed.papers.map((p) => (p.featuredDate ? p : { ...p, featuredDate: day }));
    return { fetched: parsed.papers.length + parsed.skipped.length, papers, skipped: parsed.skipped, corrected: parsed.corrected };
  }
}
