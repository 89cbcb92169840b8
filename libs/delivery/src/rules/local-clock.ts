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

const HOUR_MS = 3_600_000;
/** The westmost and eastmost UTC offsets of any IANA zone since 1900: Etc/GMT+12 and Pacific/Kiritimati. */
export const UTC_OFFSET_BOUNDS_MS = { west: -12 * HOUR_MS, east: 14 * HOUR_MS } as const;

/**
 * Every local date some zone's clock shows at `instant` (two or three consecutive days): a reader's
 * edition date lies in this range whatever their zone, so SQL looking up deliveries by a reader's
 * local date can name these days and read only their partitions.
 */
export function localDatesAt(instant: Date): { earliest: string; latest: string } {
  const day = (ms: number) => new Date(instant.getTime() + ms).toISOString().slice(0, 10);
  return { earliest: day(UTC_OFFSET_BOUNDS_MS.west), latest: day(UTC_OFFSET_BOUNDS_MS.east) };
}
