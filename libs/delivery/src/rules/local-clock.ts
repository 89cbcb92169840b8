/** A wall-clock reading in one IANA time zone: what a reader's own clock shows at an instant. */
export interface LocalClock {
  /** YYYY-MM-DD, the reader's local calendar day: one edition per local day. */
  date: string;
  /** 0–23 */
  hour: number;
  /** 0 = Sunday … 6 = Saturday (Postgres `extract(dow)`). */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a formatter costs far more than using one; a deployment has a few hundred zones at most.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local date, hour and weekday at `instant` in `timeZone`, as Postgres computes
 * `instant AT TIME ZONE zone`: in a DST gap the clock has simply jumped, in a repeated hour it
 * reads the same hour twice. Throws RangeError for a zone the runtime does not know.
 */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const year = parts.year.padStart(4, '0');
  return { date: `${year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: WEEKDAYS[parts.weekday] };
}
