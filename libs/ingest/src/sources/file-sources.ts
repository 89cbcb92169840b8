import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fitPaper, parseDailyPapersText, parseListingPage, type EntryReport, type NormalizedPaper, type SkippedEntry } from '../parsing.js';
import type { PaperSource, SourceBatch } from './paper-source.js';
import { MAX_INGEST_FILE_BYTES, readTextCapped } from './read-capped.js';

/** A file parsed once, and again only when it changes: a CLI range asks for it once per day. */
class ParsedFile<T> {
  private cached: { mtimeMs: number; size: number; value: T } | null = null;
  private handedOut = false;

  constructor(
    private readonly path: string,
    private readonly parse: (text: string) => T,
  ) {}

  /** The parsed file; `fresh` is true for the first caller after a (re)parse, which reports what belongs to no day. */
  async get(): Promise<{ value: T; fresh: boolean }> {
    const { mtimeMs, size } = await stat(this.path);
    if (!this.cached || this.cached.mtimeMs !== mtimeMs || this.cached.size !== size) {
      const text = await readTextCapped(createReadStream(this.path), MAX_INGEST_FILE_BYTES, this.path);
      this.cached = { mtimeMs, size, value: this.parse(text) };
      this.handedOut = false;
    }
    const fresh = !this.handedOut;
    this.handedOut = true;
    return { value: this.cached.value, fresh };
  }
}

/**
 * A JSON array or JSONL file in the Daily Papers API shape (an export, or a
 * mirror). The day selects the papers featured on it. A broken entry is
 * reported with the day it names; one that names no readable day is reported
 * once, with the first day ingested after the file was read.
 */
export class DailyPapersFileSource implements PaperSource {
  readonly name = 'file';
  private readonly file: ParsedFile<ReturnType<typeof parseDailyPapersText>>;

  constructor(path: string) {
    this.file = new ParsedFile(path, (text) => parseDailyPapersText(text, this.name));
  }

  async fetchDay(day: string): Promise<SourceBatch> {
    const { value: parsed, fresh } = await this.file.get();
    const ofThisDay = (entry: EntryReport) => entry.day === day || (fresh && !entry.day);
    const papers = parsed.papers.filter((p) => p.featuredDate === day);
    const undated: SkippedEntry[] = fresh
      ? parsed.papers.filter((p) => p.featuredDate === null).map((p) => ({ ref: `paper ${p.arxivId}`, reason: 'no readable featured date (publishedAt), so it belongs to no day' }))
      : [];
    const skipped = [...parsed.skipped.filter(ofThisDay), ...undated];
    return { fetched: papers.length + skipped.length, papers, skipped, corrected: parsed.corrected.filter(ofThisDay) };
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
    const { value: page } = await this.file.get();
    if (page.pageDate !== day) return { fetched: 0, papers: [], skipped: [], corrected: [] };
    const papers: NormalizedPaper[] = [];
    const skipped = [...page.skipped];
    const corrected = [...page.corrected];
    const now = Date.now();
    for (const p of page.papers) {
      const ref = `paper ${p.id}: ${p.title.slice(0, 60)}`;
      const fitted = fitPaper({ arxivId: p.id, title: p.title, abstract: p.abstract, authorCount: p.authorCount, organization: p.organization, arxivDate: p.date, featuredDate: day, upvotes: p.upvotes, source: this.name, raw: p }, now);
      if ('skip' in fitted) {
        skipped.push({ ref, reason: fitted.skip });
        continue;
      }
      papers.push(fitted.paper);
      for (const reason of fitted.corrections) corrected.push({ ref, reason });
    }
    return { fetched: page.papers.length + page.skipped.length, papers, skipped, corrected };
  }

  /** The day the page was saved on, which is the only day it has papers for. */
  async pageDate(): Promise<string | null> {
    return (await this.file.get()).value.pageDate;
  }
}
