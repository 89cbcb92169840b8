/** The earliest year Paperboy accepts in a date: arXiv opened in 1991, and Postgres refuses year 0. */
export const FIRST_CALENDAR_YEAR = 1990;

/** A real calendar day written YYYY-MM-DD, in FIRST_CALENDAR_YEAR or later (2026-02-30 and 0000-01-01 are not). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (Number(value.slice(0, 4)) < FIRST_CALENDAR_YEAR) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
