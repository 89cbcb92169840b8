import { createHash } from 'node:crypto';

import type { PaperLinks, SkippedEntry } from '@app/database';

// The stored shapes are the parsed shapes: one definition, in the entities.
export type { PaperLinks, SkippedEntry };

/** One paper as every source hands it to the rest of the system. */
export interface NormalizedPaper {
  /** arXiv id without version (`2510.01234`, `hep-th/9901001`), or a synthetic `sample-…` id. */
  arxivId: string;
  title: string;
  abstract: string;
  aiSummary: string | null;
  authors: string[];
  /** Listing pages give only a count; null when unknown. */
  authorCount: number | null;
  organization: string | null;
  /** YYYY-MM-DD */
  arxivDate: string | null;
  /** YYYY-MM-DD, the day it was featured on Daily Papers. */
  featuredDate: string | null;
  /** Missing is not zero: null when the source gave no count. */
  upvotes: number | null;
  links: PaperLinks;
  keywords: string[];
  /** ISO timestamp */
  withdrawnAt: string | null;
  source: string;
  /** The entry exactly as the source sent it, for re-parsing after a parser fix. */
  raw: unknown;
}


export interface ParseResult {
  papers: NormalizedPaper[];
  skipped: SkippedEntry[];
}

// 2007 onwards: YYMM.NNNN, and YYMM.NNNNN from 2015.
const NEW_STYLE_ID = /^\d{2}(0[1-9]|1[0-2])\.\d{4,5}$/;
// Before 2007: archive[.SUBJECT-CLASS]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
const OLD_STYLE_ID = /^[a-z]+(-[a-z]+)?(\.[A-Za-z-]+)?\/\d{2}(0[1-9]|1[0-2])\d{3}$/;

/** The bare arXiv id in an id, `arXiv:`/OAI reference or abs/pdf URL; null when it is not one. */
export function normalizeArxivId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value
    .trim()
    .replace(/^(oai:arxiv\.org:|arxiv:)/i, '')
    .replace(/^(https?:\/\/)?((www|export)\.)?arxiv\.org\/(abs|pdf|html)\//i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '')
    .replace(/\.pdf$/i, '')
    .replace(/v\d+$/, '');
  return NEW_STYLE_ID.test(id) || OLD_STYLE_ID.test(id) ? id : null;
}

/** Collapses every run of whitespace (newlines, tabs, no-break spaces) to one space. */
export function cleanText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export const SYNTHETIC_ID_PREFIX = 'sample-';

/**
 * Listing pages carry no arXiv id, so their papers get one derived from the
 * title alone: the same title maps to the same id on every page, which is what
 * lets the pages be de-duplicated and re-ingested idempotently.
 */
export function syntheticPaperId(title: string): string {
  const digest = createHash('sha256').update(cleanText(title).toLowerCase()).digest('hex');
  return SYNTHETIC_ID_PREFIX + digest.slice(0, 10);
}

export function isSyntheticPaperId(value: unknown): value is string {
  return typeof value === 'string' && /^sample-[0-9a-f]{10}$/.test(value);
}

/** Canonical, versionless links for an id; none for synthetic ids, which have no page anywhere. */
export function arxivLinks(id: string, paperPageBase?: string): PaperLinks {
  if (isSyntheticPaperId(id)) return {};
  const links: PaperLinks = { arxiv: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` };
  if (paperPageBase) links.paperPage = `${paperPageBase.replace(/\/+$/, '')}/papers/${id}`;
  return links;
}

/** YYYY-MM-DD of a timestamp, in UTC; null when it does not parse. */
export function utcDay(value: string): string | null {
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}
