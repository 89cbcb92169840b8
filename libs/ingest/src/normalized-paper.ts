import { createHash } from 'node:crypto';

import type { PaperLinks, SkippedEntry } from '@app/database';
import { cleanText } from '@app/text-safety';

// The stored shapes are the parsed shapes: one definition, in the entities.
export type { PaperLinks, SkippedEntry };

/** Every link a paper may have, in the order pages show them. */
export const PAPER_LINK_KEYS = ['paperPage', 'arxiv', 'pdf', 'code', 'projectPage'] as const satisfies ReadonlyArray<keyof PaperLinks>;

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


/** A line of a parser's report, with the day the entry was featured on when it says (files hold many days). */
export interface EntryReport extends SkippedEntry {
  day?: string | null;
}

export interface ParseResult {
  papers: NormalizedPaper[];
  /** Entries left out, with the reason. */
  skipped: EntryReport[];
  /** Entries that landed with a field left out or cut, with the reason (one per field). */
  corrected: EntryReport[];
}

// 2007 onwards: YYMM.NNNN (April 2007 to December 2014), then YYMM.NNNNN.
const NEW_STYLE_ID = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})$/;
// Before April 2007: archive[.SUBJECT-CLASS]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136 (from August 1991).
const OLD_STYLE_ID = /^([a-z]+(?:-[a-z]+)?)(\.[A-Z]{2})?\/(\d{2})(0[1-9]|1[0-2])\d{3}$/;
// The archives that existed when old-style ids were issued.
const OLD_ARCHIVES = new Set(
  'acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int supr-con'.split(' '),
);
// Longer input is not an id in any spelling (the longest is an old-style abs URL with a version).
const MAX_ID_INPUT = 100;

/** Whether an id has the shape arXiv really issues, in a month that has begun (by `now`, in UTC, plus a day). */
function isRealArxivId(id: string, now: number): boolean {
  const current = new Date(now + 86_400_000);
  const currentMonth = (current.getUTCFullYear() % 100) * 100 + current.getUTCMonth() + 1;
  const modern = NEW_STYLE_ID.exec(id);
  if (modern) {
    const month = Number(modern[1] + modern[2]);
    // Four digits until 1412, five from 1501; new-style ids began with 0704.
    return month >= 704 && month <= currentMonth && modern[3].length === (month <= 1412 ? 4 : 5);
  }
  const old = OLD_STYLE_ID.exec(id);
  if (!old || !OLD_ARCHIVES.has(old[1])) return false;
  const month = Number(old[3] + old[4]);
  return month >= 9108 || month <= 703;
}

/** The bare arXiv id in an id, `arXiv:`/OAI reference or abs/pdf URL; null when it is not one arXiv could have issued. */
export function normalizeArxivId(value: unknown, now: number = Date.now()): string | null {
  if (typeof value !== 'string' || value.length > MAX_ID_INPUT) return null;
  const id = value
    .trim()
    .replace(/^(oai:arxiv\.org:|arxiv:)/i, '')
    .replace(/^(https?:\/\/)?((www|export)\.)?arxiv\.org\/(abs|pdf|html)\//i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '')
    .replace(/\.pdf$/i, '')
    .replace(/v\d{1,3}$/, '');
  return isRealArxivId(id, now) ? id : null;
}

/** Cleans untrusted text with the shared rules (controls, invisible characters, whitespace): see @app/text-safety. */
export { cleanText };

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
