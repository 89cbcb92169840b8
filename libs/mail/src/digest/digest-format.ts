import { cleanText, truncateAtWord } from '@app/text-safety';

/*
 * How the digest words its facts: authors, dates, counts, summaries. Plain functions over untrusted input (stored
 * paper text), each cleaned through @app/text-safety's rules first; the view models (digest-view.ts) call them.
 */

/** A summary is cut at a word near this many characters. */
export const SUMMARY_MAX_CHARS = 280;
const MAX_NAMED_AUTHORS = 3;

/** "Ada Lovelace, Alan Turing, Grace Hopper et al.", or "12 authors" when only the count is known. */
export function formatAuthors(authors: readonly string[], authorCount: number | null): string | undefined {
  const names = authors.map(cleanText).filter((name) => name !== '');
  const total = Math.max(names.length, authorCount !== null && Number.isFinite(authorCount) ? Math.floor(authorCount) : 0);
  if (names.length === 0) return total > 0 ? `${total} ${total === 1 ? 'author' : 'authors'}` : undefined;
  const shown = names.slice(0, MAX_NAMED_AUTHORS).join(', ');
  return total > MAX_NAMED_AUTHORS || total > names.length ? `${shown} et al.` : shown;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseIsoDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-31 over into March; treat such input as free text instead.
  return date.getUTCDate() === Number(match[3]) && date.getUTCMonth() === Number(match[2]) - 1 ? date : undefined;
}

/** "Friday, 20 November 2026". Hand-rolled rather than Intl so output does not drift with the ICU version. */
export function formatEditionDate(isoDate: string): string {
  const date = parseIsoDate(isoDate);
  if (!date) return cleanText(isoDate);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "18 Nov 2026" */
export function formatShortDate(isoDate: string): string {
  const date = parseIsoDate(isoDate);
  if (!date) return cleanText(isoDate);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()].slice(0, 3)} ${date.getUTCFullYear()}`;
}

export function formatPaperCount(count: number): string {
  return count === 0 ? 'No new papers matched your interests today' : `${count} trending ${count === 1 ? 'paper' : 'papers'} matching your interests`;
}

/** The summary as the digest shows it: cleaned, then cut at a word near SUMMARY_MAX_CHARS. */
export function formatSummary(summary: string): string {
  return truncateAtWord(cleanText(summary), SUMMARY_MAX_CHARS);
}
