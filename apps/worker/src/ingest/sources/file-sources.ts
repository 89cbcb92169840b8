import { readFile, stat } from 'node:fs/promises';
import { parseDailyPapersText, parseListingPage, type NormalizedPaper } from '@app/ingest';
import type { PaperSource, SourceBatch } from './paper-source.js';

/** A file parsed once, and again only when it changes: a CLI range asks for it once per day. */
class ParsedFile<T> {
  private cached: { mtimeMs: number; size: number; value: T } | null = null;

  constructor(
    private readonly path: string,
    private readonly parse: (text: string) => T,
  ) {}

  async get(): Promise<T> {
    const { mtimeMs, size } = await stat(this.path);
    if (this.cached && this.cached.mtimeMs === mtimeMs && this.cached.size === size) return this.cached.value;
    const value = this.parse(await readFile(this.path, 'utf8'));
    this.cached = { mtimeMs, size, value };
    return value;
  }
}

/**
 * A JSON array or JSONL file in the Daily Papers API shape (an export, or a
 * mirror). The day selects the papers featured on it.
 */
export class DailyPapersFileSource implements PaperSource {
  readonly name = 'file';
  private readonly file: ParsedFile<ReturnType<typeof parseDailyPapersText>>;

  constructor(path: string) {
    this.file = new ParsedFile(path, (text) => parseDailyPapersText(text, this.name));
  }

  async fetchDay(day: string): Promise<SourceBatch> {
    const parsed = await this.file.get();
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
  private readonly file: ParsedFile<ReturnType<typeof parseListingPage>>;

  constructor(path: string, year: number) {
    this.file = new ParsedFile(path, (text) => parseListingPage(text, { year, source: this.name }));
  }

  async fetchDay(day: string): Promise<SourceBatch> {
    const page = await this.file.get();
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
    return (await this.file.get()).pageDate;
  }
}
