import { z } from 'zod';

/** The earliest year Paperboy accepts in a date: arXiv opened in 1991, and Postgres refuses year 0. */
export const FIRST_CALENDAR_YEAR = 1990;

/**
 * The shape of a calendar day from FIRST_CALENDAR_YEAR on, as a JSON Schema
 * pattern: with `format: date` (a real day of its month) it says exactly what
 * isCalendarDay accepts.
 */
export const CALENDAR_DAY_PATTERN = '^(?:199\\d|[2-9]\\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])$';

/** A real calendar day written YYYY-MM-DD, in FIRST_CALENDAR_YEAR or later (2026-02-30 and 0000-01-01 are not). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (Number(value.slice(0, 4)) < FIRST_CALENDAR_YEAR) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export const CALENDAR_DAY_REASON = 'must be a date like 2026-11-20';

/** A calendar day in a request (body, query or path), as validated and as documented. */
export const calendarDay = () =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : CALENDAR_DAY_REASON) })
    .refine(isCalendarDay, { message: CALENDAR_DAY_REASON })
    .meta({ format: 'date', pattern: CALENDAR_DAY_PATTERN, description: `A calendar day, YYYY-MM-DD, ${FIRST_CALENDAR_YEAR} or later`, examples: ['2026-11-20'] });
