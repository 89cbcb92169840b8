import { cleanText, safeHref } from '@app/text-safety';
import type { DigestForReader, DigestPaper, DigestPaperForReader } from './digest-model.js';
import { formatAuthors, formatEditionDate, formatPaperCount, formatShortDate, formatSummary } from './digest-format.js';

/*
 * View models: every string and href the digest shows, already cleaned, truncated and checked. The React components,
 * the cached renderer and the plain-text template all read these, so they cannot disagree about content, only about
 * markup. Besides safety, cleanText matters to the cached renderer: react-email's stream turns lone surrogates into
 * U+FFFD and deletes NUL; once the input has neither, React's five-character escaping is the only transformation
 * left, which the string-substituting renderer reproduces exactly.
 */

/** Shown, in both alternatives, instead of papers when nothing matched. */
export const EMPTY_DIGEST_NOTICE = 'Nothing new matched your interests today. You can widen them in your preferences.';

/**
 * How a per-reader value stands in the markup: as the whole text of its element (`text`) or as the whole value of
 * an href (`href`); `optional` when absent values drop their element (a link that did not pass safeHref).
 */
export interface PerReaderField {
  readonly kind: 'text' | 'href';
  readonly optional: boolean;
}
export type PerReaderFields = Readonly<Record<string, PerReaderField>>;

const TEXT = { kind: 'text', optional: false } as const;
const OPTIONAL_TEXT = { kind: 'text', optional: true } as const;
const OPTIONAL_HREF = { kind: 'href', optional: true } as const;

/**
 * The per-reader values of a digest, listed once: everything that differs between two readers of one run besides
 * which papers they get. ShellView and ReaderPaperView are derived from these lists, and the cached renderer derives
 * its slots, its token views, its variants and its escaping from them (see DigestRenderer and slot-template.ts).
 */
export const SHELL_FIELDS = {
  /** "Friday, 20 November 2026", the heading. */
  editionLabel: TEXT,
  /** "3 trending papers matching your interests" */
  countLabel: TEXT,
  /** Why the reader gets this email (footer). */
  reason: TEXT,
  viewHref: OPTIONAL_HREF,
  manageHref: OPTIONAL_HREF,
  unsubscribeHref: OPTIONAL_HREF,
} as const satisfies PerReaderFields;

/** Per paper of one reader's digest. */
export const READER_FIELDS = {
  /** Why this paper was picked for this reader ("Reward modeling; “GRPO”"). */
  why: OPTIONAL_TEXT,
  upHref: OPTIONAL_HREF,
  downHref: OPTIONAL_HREF,
} as const satisfies PerReaderFields;

/** The view a field list describes: a string per field, optional where the field is. */
export type ViewOf<F extends PerReaderFields> = {
  [K in keyof F as F[K]['optional'] extends true ? never : K]: string;
} & {
  [K in keyof F as F[K]['optional'] extends true ? K : never]?: string;
};

export type ShellView = ViewOf<typeof SHELL_FIELDS>;
export type ReaderPaperView = ViewOf<typeof READER_FIELDS>;

export interface LinkView {
  label: string;
  href: string;
}

/** One paper as every reader of a run sees it. */
export interface PaperView {
  title: string;
  titleHref?: string;
  /** Authors and organization. */
  byline?: string;
  /** Dates and upvotes. */
  meta?: string;
  summary: string;
  links: LinkView[];
}

export function paperView(paper: DigestPaper): PaperView {
  const paperPage = safeHref(paper.links.paperPage);
  const arxiv = safeHref(paper.links.arxiv);
  const links: LinkView[] = [];
  const add = (label: string, href: string | undefined) => {
    if (href !== undefined) links.push({ label, href });
  };
  add('Paper page', paperPage);
  add('arXiv', arxiv);
  add('PDF', safeHref(paper.links.pdf));
  add('Code', safeHref(paper.links.code));
  add('Project', safeHref(paper.links.projectPage));

  const authors = formatAuthors(paper.authors, paper.authorCount);
  const organization = cleanText(paper.organization);
  const byline = [authors, organization].filter((part) => part !== undefined && part !== '').join(' · ');

  const meta: string[] = [];
  if (paper.arxivDate && cleanText(paper.arxivDate) !== '') meta.push(`arXiv ${formatShortDate(paper.arxivDate)}`);
  if (paper.featuredDate && cleanText(paper.featuredDate) !== '') meta.push(`Featured ${formatShortDate(paper.featuredDate)}`);
  if (paper.upvotes !== null && Number.isFinite(paper.upvotes)) meta.push(`▲ ${paper.upvotes}`);

  return {
    title: cleanText(paper.title) || cleanText(paper.arxivId) || 'Untitled paper',
    titleHref: paperPage ?? arxiv,
    byline: byline === '' ? undefined : byline,
    meta: meta.length > 0 ? meta.join(' · ') : undefined,
    summary: formatSummary(paper.summary),
    links,
  };
}

export function readerPaperView(item: Pick<DigestPaperForReader, 'reasons' | 'feedbackUpUrl' | 'feedbackDownUrl'>): ReaderPaperView {
  const reasons = item.reasons.map(cleanText).filter((reason) => reason !== '');
  return {
    why: reasons.length > 0 ? reasons.join('; ') : undefined,
    upHref: safeHref(item.feedbackUpUrl),
    downHref: safeHref(item.feedbackDownUrl),
  };
}

export function shellView(digest: DigestForReader): ShellView {
  return {
    editionLabel: formatEditionDate(digest.editionDate),
    countLabel: formatPaperCount(digest.papers.length),
    reason: cleanText(digest.reason),
    viewHref: safeHref(digest.viewInBrowserUrl),
    manageHref: safeHref(digest.manageUrl),
    unsubscribeHref: safeHref(digest.unsubscribeUrl),
  };
}
