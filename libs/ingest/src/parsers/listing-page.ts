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

function parseDate(text: string, year: number): { date: string; upvotes: number | null } | null {
  const match = DATE_LINE.exec(text);
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]);
  const day = Number(match[2]);
  const fullYear = match[3] ? Number(match[3]) : year;
  const date = new Date(Date.UTC(fullYear, month, day));
  if (month < 0 || date.getUTCMonth() !== month || date.getUTCDate() !== day) return null;
  return { date: date.toISOString().slice(0, 10), upvotes: match[4] ? Number(match[4]) : null };
}

const isMeta = (block: Block) => block.lines.includes(SEPARATOR);
const joined = (block: Block) => cleanText(block.lines.join(' '));
const isTitle = (block: Block) => joined(block).length <= MAX_TITLE_LENGTH;

type Meta = Pick<ListingPaper, 'authorCount' | 'organization' | 'organizationHandle' | 'date' | 'upvotes'>;
const NO_META: Meta = { authorCount: null, organization: null, organizationHandle: null, date: null, upvotes: null };

function parseMeta(block: Block, year: number): Meta | string {
  const separator = block.lines.indexOf(SEPARATOR);
  const after = block.lines.slice(separator + 1);
  if (after.length !== 1) return `expected one date line after "${SEPARATOR}", found ${after.length}`;
  const dated = parseDate(after[0], year);
  if (!dated) return `unreadable date "${after[0]}"`;
  // No count after the date means nobody upvoted it yet.
  const meta: Meta = { ...NO_META, date: dated.date, upvotes: dated.upvotes ?? 0 };
  for (const line of block.lines.slice(0, separator)) {
    const authors = AUTHORS_LINE.exec(line);
    if (authors) {
      meta.authorCount = Number(authors[1]);
    } else if (line.startsWith('•')) {
      return `unreadable author line "${line}"`;
    } else {
      // `<handle> <display name>`, or a bare handle.
      const [handle, ...name] = line.split(/\s+/);
      meta.organizationHandle = handle;
      meta.organization = name.length > 0 ? name.join(' ') : handle;
    }
  }
  return meta;
}

const ref = (block: Block) => `line ${block.line}: ${block.lines[0].slice(0, 80)}`;

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

  let start = 0;
  let pageDate: string | null = null;
  for (; start < blocks.length; start++) {
    const [line] = blocks[start].lines;
    if (blocks[start].lines.length !== 1) break;
    if (HEADER_LINES.has(line.toLowerCase())) continue;
    const dated = parseDate(line, options.year);
    if (dated && dated.upvotes === null) {
      pageDate = dated.date;
      start++;
    }
    break;
  }

  let title: Block | null = null;
  let abstract: Block | null = null;
  // After a paper is reported as skipped, its leftover blocks are not reported again.
  let discarding = false;
  const emit = (meta: Meta | null) => {
    if (!title || !abstract) return;
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
        const meta = parseMeta(block, options.year);
        if (typeof meta === 'string') skip(title, meta);
        else emit(meta);
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

  return { pageDate, papers, skipped };
}
