import { parseArxivAtom } from '../parsing.js';
import type { PaperSource, SourceBatch } from './paper-source.js';
import { fetchTextWithRetry } from './fetch-with-retry.js';

const compact = (day: string) => day.replace(/-/g, '');

/**
 * The arXiv API: the day's new submissions in the configured categories.
 * arXiv has no upvotes, so these papers rank on relevance and recency only.
 */
export class ArxivSource implements PaperSource {
  readonly name = 'arxiv';

  constructor(
    private readonly baseUrl: string,
    private readonly categories: string[],
    private readonly maxResults = 200,
  ) {}

  async fetchDay(day: string, signal: AbortSignal): Promise<SourceBatch> {
    const categories = this.categories.map((c) => `cat:${c}`).join('+OR+');
    const query = `(${categories})+AND+submittedDate:[${compact(day)}0000+TO+${compact(day)}2359]`;
    const url = `${this.baseUrl}/api/query?search_query=${query}&sortBy=submittedDate&sortOrder=descending&max_results=${this.maxResults}`;
    const parsed = parseArxivAtom(await fetchTextWithRetry(url, { signal }), this.name);
    // The arXiv date is the day it was submitted: that is the day it is "new".
    const papers = parsed.papers.map((p) => ({ ...p, featuredDate: p.featuredDate ?? p.arxivDate ?? day }));
    return { fetched: papers.length + parsed.skipped.length, papers, skipped: parsed.skipped, corrected: parsed.corrected };
  }
}
