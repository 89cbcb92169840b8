import { cleanText, truncateAtWord } from '@app/text-safety';

/*
 * What a stored paper may hold, from the papers table (libs/database/src/entities/paper.entity.ts and the Initial
 * migration). Columns with a hard limit: arxiv_id varchar(32), organization varchar(200), source varchar(40),
 * author_count and upvotes integer (below 2^31), the dates `date` / `timestamptz` (Postgres has no year 0, and
 * JavaScript dates reach year 275760). The text and jsonb columns have none, so the limits below are ours: far above
 * any real paper (arXiv caps titles and abstracts well below them) and low enough that one hostile entry cannot
 * bloat every page, email and index that shows it.
 */
export const PAPER_LIMITS = {
  arxivId: 32,
  title: 1_000,
  abstract: 10_000,
  aiSummary: 5_000,
  /** Names kept; `authorCount` keeps the real count. */
  authors: 1_000,
  authorName: 200,
  organization: 200,
  keywords: 50,
  keyword: 100,
  source: 40,
} as const;

/** Largest value of a Postgres `integer`. */
export const MAX_INTEGER = 2 ** 31 - 1;
/** Paperboy shows research papers: nothing it ingests is older than this (arXiv opened in 1991). */
export const EARLIEST_DAY = '1990-01-01';
/** Feeds stamp papers in their own time zone (and clocks drift): a day or two ahead of ours is still sane. */
const FUTURE_MARGIN_MS = 2 * 86_400_000;

/** A field that was dropped or cut, and why: reported with the entry, which still lands. */
export type Correction = string;

/** Untrusted text as a report may show it: cleaned and short, however long or hostile it was. */
export function shown(text: string, max = 60): string {
  return truncateAtWord(cleanText(text.length > max * 4 ? text.slice(0, max * 4) : text), max);
}

/** Any untrusted value inside a reason: strings shown and quoted, numbers as they are, other things by their kind. */
export function quote(value: unknown, max = 60): string {
  if (typeof value === 'string') return `"${shown(value, max)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? '(a list)' : `(${typeof value === 'object' ? 'an object' : typeof value})`;
}

/** A count that fits an integer column: a non-negative integer below 2^31. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INTEGER;
}

/** `value` when it is a count, else null with the reason (missing is unknown, not a problem). */
export function countOrNull(value: unknown, field: string, corrections: Correction[]): number | null {
  if (value === undefined || value === null) return null;
  if (isCount(value)) return value;
  corrections.push(`${field} ${quote(value)} is not a whole number from 0 to ${MAX_INTEGER}; stored as unknown`);
  return null;
}

/** Decimal digits (a listing page's "12" upvotes or "5 authors") as a count, or null when too large. */
export function countFromDigits(digits: string): number | null {
  if (!/^\d{1,10}$/.test(digits)) return null;
  const value = Number(digits);
  return isCount(value) ? value : null;
}

// ISO 8601 as feeds send it: a calendar day, optionally a time and a zone (none means UTC).
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether YYYY-MM-DD names a day that exists (no 30 February), in any year. */
export function isRealDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  // setUTCFullYear, because Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instant an ISO 8601 string names, if it is a real calendar day and time between 1990 and a little after `now`;
 * null otherwise. Stricter than Date.parse, which reads "1" as 2001, rolls 30 February over into March and accepts
 * years 0 and 275760, which Postgres refuses.
 */
export function saneInstant(value: unknown, now: number = Date.now()): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const match = ISO_TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  if (!isRealDay(`${year}-${month}-${day}`) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`);
  if (Number.isNaN(time) || time < Date.parse(`${EARLIEST_DAY}T00:00:00Z`) || time > now + FUTURE_MARGIN_MS) return null;
  return new Date(time);
}

/** YYYY-MM-DD (UTC) of a sane ISO 8601 value, else null. */
export function saneDay(value: unknown, now?: number): string | null {
  return saneInstant(value, now)?.toISOString().slice(0, 10) ?? null;
}

/** A sane day of an optional field, else null with the reason. */
export function dayOrNull(value: unknown, field: string, corrections: Correction[], now?: number): string | null {
  if (value === undefined || value === null) return null;
  const day = saneDay(value, now);
  if (day === null) corrections.push(`${field} ${quote(value)} is not a date from ${EARLIEST_DAY} to today; stored as unknown`);
  return day;
}

/** Cleaned text cut to fit `max` characters (the ellipsis included), with the reason when it had to be cut. */
export function fitText(value: string, max: number, field: string, corrections: Correction[]): string {
  // Cleaning a megabyte to keep a thousand characters is wasted work.
  const oversized = value.length > max * 8;
  const text = cleanText(oversized ? value.slice(0, max * 8) : value);
  if (text.length <= max && !oversized) return text;
  corrections.push(`${field} has ${value.length} characters; cut to ${max}`);
  return truncateAtWord(text, max - 1);
}
