import { readFile } from 'node:fs/promises';
import { parseDailyPapersText, parseListingPage, type NormalizedPaper } from '@app/ingest';
import type { PaperSource, SourceBatch } from './paper-source.js';

/**
 * A JSON array or JSONL file in the Daily Papers API shape (an export, or a
 * mirror). The day selects the papers featured on it.
 */
export class DailyPapersFileSource implements PaperSource {
  readonly name = 'file';

  constructor(private readonly path: string) {}

  async fetchDay(day: string): Promise<SourceBatch> {
    const parsed = parseDailyPapersText(await readFile(this.path, 'utf8'), this.name);
    const papers = parsed.papers.filter((p) => p.featuredDate === day);
    return { fetched: papers.length, papers, skipped: parsed.skipped };
  }
}

/**
 * A saved Daily Papers listing page (the text a browser saves). The page
 * shows no arXiv ids, so papers get title-derived ids, and every paper on it
 * counts as featured on the page's date.
 */
export class ListingPageSource implements PaperSource {
  readonly name = 'listing-page';

  constructor(
    private readonly path: string,
    private readonly year: number,
  ) {}

  async fetchDay(day: string): Promise<SourceBatch> {
    const page = parseListingPage(await readFile(this.path, 'utf8'), { year: this.year, source: this.name });
    if (page.pageDate !== day) return { fetched: 0, papers: [], skipped: [] };
    const papers: NormalizedPaper[] = page.papers.map((p) => ({
      arxivId: p.id,
      title: p.title,
      abstract: p.abstract,
      aiSummary: null,
      authors: [],
      authorCount: p.authorCount,
      organization: p.organization,
      arxivDate: p.date,
      featuredDate: day,
      upvotes: p.upvotes,
      links: {},
      keywords: [],
      withdrawnAt: null,
      source: this.name,
      raw: p,
    }));
    return { fetched: papers.length + page.skipped.length, papers, skipped: page.skipped };
  }

  /** The day the page was saved on, which is the only day it has papers for. */
  async pageDate(): Promise<string | null> {
    return parseListingPage(await readFile(this.path, 'utf8'), { year: this.year }).pageDate;
  }
}
