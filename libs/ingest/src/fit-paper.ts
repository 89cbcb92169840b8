import { safeHref } from '@app/text-safety';
import {
  countOrNull,
  dayOrNull,
  fitText,
  PAPER_LIMITS,
  quote,
  saneInstant,
  EARLIEST_DAY,
  type Correction,
} from './field-rules.js';
import { isSyntheticPaperId, normalizeArxivId, PAPER_LINK_KEYS, type NormalizedPaper, type PaperLinks } from './normalized-paper.js';
import { storableRaw } from './raw-entry.js';

/**
 * A paper as a parser read it, before any of it is trusted: each source maps its own format onto these fields,
 * and `fitPaper` checks types, ranges and lengths in one place. Missing (undefined or null) means unknown.
 */
export interface PaperDraft {
  /** Already normalized by the parser (it knows the id's spelling in its format). */
  arxivId: string;
  title: unknown;
  abstract?: unknown;
  aiSummary?: unknown;
  /** Names (strings); anything else in the list is left out with a correction. */
  authors?: unknown;
  authorCount?: unknown;
  organization?: unknown;
  /** ISO 8601 day or timestamp. */
  arxivDate?: unknown;
  featuredDate?: unknown;
  upvotes?: unknown;
  links?: { [K in keyof PaperLinks]?: unknown };
  keywords?: unknown;
  /** ISO 8601 timestamp. */
  withdrawnAt?: unknown;
  source: string;
  raw: unknown;
}

export type FitResult = { paper: NormalizedPaper; corrections: Correction[] } | { skip: string };

const missing = (value: unknown) => value === undefined || value === null;

function optionalText(value: unknown, max: number, field: string, corrections: Correction[]): string | null {
  if (missing(value)) return null;
  if (typeof value !== 'string') {
    corrections.push(`${field} is ${quote(value)}, not text; left out`);
    return null;
  }
  return fitText(value, max, field, corrections) || null;
}

/** A list of short texts: non-texts and empties left out, each cleaned and bounded. */
function textList(value: unknown, field: string, maxEach: number, corrections: Correction[]): string[] {
  if (missing(value)) return [];
  if (!Array.isArray(value)) {
    corrections.push(`${field} is ${quote(value)}, not a list; left out`);
    return [];
  }
  const texts = value.filter((item): item is string => typeof item === 'string');
  if (texts.length < value.length) corrections.push(`${field}: ${value.length - texts.length} of ${value.length} are not text; left out`);
  const cut: Correction[] = [];
  const cleaned = texts.map((item) => fitText(item, maxEach, field, cut)).filter((item) => item !== '');
  if (cut.length > 0) corrections.push(`${field}: ${cut.length} over ${maxEach} characters; cut`);
  return cleaned;
}

/** The first `max` items, with the reason when there were more. */
function firstOf(items: string[], max: number, field: string, corrections: Correction[]): string[] {
  if (items.length > max) corrections.push(`${field}: ${items.length} listed; the first ${max} kept`);
  return items.slice(0, max);
}

function safeLinksOf(links: PaperDraft['links'], corrections: Correction[]): PaperLinks {
  const safe: PaperLinks = {};
  for (const key of PAPER_LINK_KEYS) {
    const value = links?.[key];
    if (missing(value) || value === '') continue;
    const href = safeHref(value);
    if (href === undefined) corrections.push(`links.${key} ${quote(value)} is not a plain http(s) link; left out`);
    else safe[key] = href;
  }
  return safe;
}

/**
 * Checks and bounds every field of a parsed paper so that it fits its column and is safe to show: text cleaned
 * (controls, NUL, invisible characters) and cut to its limit, counts below 2^31, dates from 1990 to today, links
 * http(s) only. A field that cannot be kept becomes unknown, with a correction saying why; a paper without a usable
 * id or title, or with an unreadable withdrawal date (a withdrawn paper must never look current), is skipped.
 */
export function fitPaper(draft: PaperDraft, now: number = Date.now()): FitResult {
  const corrections: Correction[] = [];
  const { arxivId } = draft;
  if (!(isSyntheticPaperId(arxivId) || normalizeArxivId(arxivId, now) === arxivId) || arxivId.length > PAPER_LIMITS.arxivId) {
    return { skip: `invalid arXiv id ${quote(arxivId)}` };
  }
  if (typeof draft.title !== 'string' && !missing(draft.title)) return { skip: `title is ${quote(draft.title)}, not text` };
  const title = fitText(typeof draft.title === 'string' ? draft.title : '', PAPER_LIMITS.title, 'title', corrections);
  if (title === '') return { skip: 'missing title' };

  let withdrawnAt: string | null = null;
  if (!missing(draft.withdrawnAt)) {
    const instant = saneInstant(draft.withdrawnAt, now);
    if (!instant) return { skip: `withdrawnAt ${quote(draft.withdrawnAt)} is not a time from ${EARLIEST_DAY} to now` };
    withdrawnAt = instant.toISOString();
  }

  const authors = textList(draft.authors, 'authors', PAPER_LIMITS.authorName, corrections);
  const keywords = [...new Set(textList(draft.keywords, 'keywords', PAPER_LIMITS.keyword, corrections))];

  return {
    corrections,
    paper: {
      arxivId,
      title,
      abstract: optionalText(draft.abstract, PAPER_LIMITS.abstract, 'abstract', corrections) ?? '',
      aiSummary: optionalText(draft.aiSummary, PAPER_LIMITS.aiSummary, 'aiSummary', corrections),
      authors: firstOf(authors, PAPER_LIMITS.authors, 'authors', corrections),
      authorCount: countOrNull(draft.authorCount, 'authorCount', corrections) ?? (authors.length > 0 ? authors.length : null),
      organization: optionalText(draft.organization, PAPER_LIMITS.organization, 'organization', corrections),
      arxivDate: dayOrNull(draft.arxivDate, 'arxivDate', corrections, now),
      featuredDate: dayOrNull(draft.featuredDate, 'featuredDate', corrections, now),
      upvotes: countOrNull(draft.upvotes, 'upvotes', corrections),
      links: safeLinksOf(draft.links, corrections),
      keywords: firstOf(keywords, PAPER_LIMITS.keywords, 'keywords', corrections),
      withdrawnAt,
      source: draft.source.slice(0, PAPER_LIMITS.source),
      raw: storableRaw(draft.raw),
    },
  };
}
