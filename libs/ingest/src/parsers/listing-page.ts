import { countFromDigits, EARLIEST_DAY, isRealDay, quote, saneDay, shown } from '../field-rules.js';
import { cleanText, syntheticPaperId, type SkippedEntry } from '../normalized-paper.js';

export interface ListingPaper {
  /** Synthetic, title-derived id: listing pages show no arXiv id (see syntheticPaperId). */
  id: string;
  title: string;
  abstract: string;
  authorCount: number | null;
  /** Display name of the organisation (`NVIDIA` from `nvidia NVIDIA`), or the bare handle. */
  organization: string | null;
  organizationHandle: string | null;
  /**
   * YYYY-MM-DD shown on the card. Null, like upvotes, for the cards saved
   * without their meta block (title and abstract only).
   */
  date: string | null;
  upvotes: number | null;
  source: string;
}

export interface ListingPage {
  pageDate: string | null;
  papers: ListingPaper[];
  skipped: SkippedEntry[];
  /** Papers kept with a value left out (a count too large, a date out of range), with the reason. */
  corrected: SkippedEntry[];
}

export interface ListingPageOptions {
  /** The year the page was saved in: dates shown without a year belong to it. */
  year: number;
  source?: string;
}

interface Block {
  line: number;
  lines: string[];
}

const HEADER_LINES = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'byak and the research community',
]);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// `Aug 19, 2024`, `Nov 1` (current year), either followed by an upvote count.
const DATE_LINE = /^([A-Z][a-z]{2})\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?$/;
const AUTHORS_LINE = /^•\s*(\d+)\s+authors?$/;
const SEPARATOR = '·';
// Titles are one short line; abstracts are one long paragraph (>1,300 characters on the saved pages).
const MAX_TITLE_LENGTH = 300;

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '') {
        current = null;
      } else if (current) {
        current.lines.push(line);
      } else {
        current = { line: index + 1, lines: [line] };
        blocks.push(current);
      }
    });
  return blocks;
}

interface DateLine {
  /** YYYY-MM-DD, or null when the day is real but out of range (before 1990, or in the future). */
  date: string | null;
  upvotes: number | null;
  /** The upvote count was there but too large to be one. */
  hugeUpvotes: boolean;
}

function parseDate(text: string, year: number): DateLine | null {
  const match = DATE_LINE.exec(text);
  const month = match ? MONTHS.indexOf(match[1]) + 1 : 0;
  if (!match || month === 0) return null;
  const day = `${String(match[3] ?? year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${match[2].padStart(2, '0')}`;
  if (!isRealDay(day)) return null;
  const upvotes = match[4] === undefined ? null : countFromDigits(match[4]);
  return { date: saneDay(day), upvotes, hugeUpvotes: match[4] !== undefined && upvotes === null };
}

const isMeta = (block: Block) => block.lines.includes(SEPARATOR);
const joined = (block: Block) => cleanText(block.lines.join(' '));
const isTitle = (block: Block) => joined(block).length <= MAX_TITLE_LENGTH;

type Meta = Pick<ListingPaper, 'authorCount' | 'organization' | 'organizationHandle' | 'date' | 'upvotes'>;
const NO_META: Meta = { authorCount: null, organization: null, organizationHandle: null, date: null, upvotes: null };

function parseMeta(block: Block, year: number, corrections: string[]): Meta | string {
  const separator = block.lines.indexOf(SEPARATOR);
  const after = block.lines.slice(separator + 1);
  if (after.length !== 1) return `expected one date line after "${SEPARATOR}", found ${after.length}`;
  const dated = parseDate(after[0], year);
  if (!dated) return `unreadable date ${quote(after[0])}`;
  if (dated.date === null) corrections.push(`date ${quote(after[0])} is not from ${EARLIEST_DAY} to today; stored as unknown`);
  if (dated.hugeUpvotes) corrections.push(`upvotes in ${quote(after[0])} are not a count below 2^31; stored as unknown`);
  // No count after the date means nobody upvoted it yet.
  const meta: Meta = { ...NO_META, date: dated.date, upvotes: dated.hugeUpvotes ? null : (dated.upvotes ?? 0) };
  for (const line of block.lines.slice(0, separator)) {
    const authors = AUTHORS_LINE.exec(line);
    if (authors) {
      meta.authorCount = countFromDigits(authors[1]);
      if (meta.authorCount === null) corrections.push(`author count ${quote(line)} is not a count below 2^31; stored as unknown`);
    } else if (line.startsWith('•')) {
      return `unreadable author line ${quote(line)}`;
    } else {
      // `<handle> <display name>`, or a bare handle.
      const [handle, ...name] = cleanText(line).split(' ');
      meta.organizationHandle = handle;
      meta.organization = name.length > 0 ? name.join(' ') : handle;
    }
  }
  return meta;
}

const ref = (block: Block) => `line ${block.line}: ${shown(block.lines[0], 80)}`;

/**
 * Parses a saved "Daily Papers" listing page: a header, then per paper a title
 * block, an abstract block and a meta block (`• N authors` or an organisation,
 * `·`, the date and optional upvotes). A broken paper lands in `skipped`; the
 * rest still parse.
 */
export function parseListingPage(text: string, options: ListingPageOptions): ListingPage {
  const source = options.source ?? 'listing-page';
  const blocks = toBlocks(text);
  const papers: ListingPaper[] = [];
  const skipped: SkippedEntry[] = [];
  const corrected: SkippedEntry[] = [];

  let start = 0;
  let pageDate: string | null = null;
  for (; start < blocks.length; start++) {
    const [line] = blocks[start].lines;
    if (blocks[start].lines.length !== 1) break;
    if (HEADER_LINES.has(line.toLowerCase())) continue;
    const dated = parseDate(line, options.year);
    if (dated && dated.upvotes === null && !dated.hugeUpvotes) {
      pageDate = dated.date;
      start++;
    }
    break;
  }

  let title: Block | null = null;
  let abstract: Block | null = null;
  // After a paper is reported as skipped, its leftover blocks are not reported again.
  let discarding = false;
  const emit = (meta: Meta | null, corrections: string[] = []) => {
    if (!title || !abstract) return;
    for (const reason of corrections) corrected.push({ ref: ref(title), reason });
    papers.push({
      id: syntheticPaperId(joined(title)),
      title: joined(title),
      abstract: joined(abstract),
      ...(meta ?? NO_META),
      source,
    });
  };
  const skip = (block: Block, reason: string) => {
    skipped.push({ ref: ref(block), reason });
    title = abstract = null;
    discarding = true;
  };

  for (const block of blocks.slice(start)) {
    if (isMeta(block)) {
      if (title && abstract) {
        const corrections: string[] = [];
        const meta = parseMeta(block, options.year, corrections);
        if (typeof meta === 'string') skip(title, meta);
        else emit(meta, corrections);
      } else if (title) {
        skip(title, 'title without an abstract');
      } else if (!discarding) {
        skip(block, 'meta block without a title and abstract');
      }
      title = abstract = null;
      discarding = false;
    } else if (isTitle(block)) {
      // A title right after an abstract: the previous card was saved without its meta block.
      if (title && abstract) emit(null);
      else if (title) skip(title, 'title without an abstract');
      title = block;
      abstract = null;
      discarding = false;
    } else if (title && !abstract) {
      abstract = block;
    } else if (title && abstract) {
      skip(title, 'more than one paragraph after the title');
    } else if (!discarding) {
      skip(block, 'paragraph without a title');
    }
  }
  if (title && abstract) emit(null);
  else if (title) skip(title, 'title without an abstract');

  return { pageDate, papers, skipped, corrected };
}
