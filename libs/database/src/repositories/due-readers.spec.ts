import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, isDue, localClock, localDatesAt, type DeliverySchedule, type DigestFrequency, type ReaderStatus } from '@app/delivery/rules';
import { createMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { DeliveryRepository } from './delivery.repository.js';
import { sqlOf } from './sql.js';

/*
 * The SQL that selects due readers (DeliveryRepository.dueReaders) against the pure rule (isDue),
 * on real Postgres: random readers, zones and instants, with and without a delivery already made.
 *
 * Zones: DST in both hemispheres, transitions at 01:00 UTC, at local 02:00 and at local midnight
 * (Havana, Santiago, Beirut), half-hour and 45-minute offsets (also for DST: Lord Howe, Chatham),
 * +14 and −11/−12, zones whose rules changed (São Paulo 2019, Tehran 2022, Samoa skipping
 * 2011-12-30, Kiritimati moving across the date line in 1994, Casablanca's Ramadan). The names are
 * the ones the subscription form stores (ICU's canonical ones). Node's ICU (tz 2025c) and Debian's
 * tzdata (2025b) that Postgres reads agree on all of them from 1990 to 2040; were that to change,
 * this test says so first.
 */
const ZONES = [
  'UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Dublin', 'Europe/Chisinau', 'America/New_York', 'America/Los_Angeles',
  'America/St_Johns', 'America/Sao_Paulo', 'America/Santiago', 'America/Havana', 'America/Asuncion', 'America/Godthab',
  'Asia/Tokyo', 'Asia/Calcutta', 'Asia/Kathmandu', 'Asia/Tehran', 'Asia/Beirut', 'Africa/Casablanca', 'Australia/Sydney',
  'Australia/Adelaide', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Auckland', 'Pacific/Apia', 'Pacific/Kiritimati',
  'Pacific/Pago_Pago', 'Pacific/Niue', 'Etc/GMT+12',
];
const FIRST = Date.parse('1990-01-01T00:00:00Z');
const LAST = Date.parse('2040-12-31T23:59:59.999Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** UTC offset of a zone at an instant, in ms, as ICU computes it. */
function offsetOf(format: Intl.DateTimeFormat, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(t)) parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(t / 1000) * 1000;
}

/** Instants at which a zone's offset changes (DST and rule changes), found by weekly steps and bisection. */
function transitionsOf(zone: string): number[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const offsetAt = (t: number) => offsetOf(format, t);
  const found: number[] = [];
  for (let t = FIRST, offset = offsetAt(t); t < LAST; t += 7 * DAY) {
    const next = offsetAt(t + 7 * DAY);
    if (next === offset) continue;
    let [lo, hi] = [t, t + 7 * DAY];
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (offsetAt(mid) === offset) lo = mid;
      else hi = mid;
    }
    found.push(hi);
    offset = next;
  }
  return found;
}

const TRANSITIONS = ZONES.flatMap(transitionsOf);

/** Instants worth trying: anywhere; on and next to local hour boundaries (every offset is a multiple of 15 minutes); around DST and rule changes; year ends. */
const instants = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }),
  fc.tuple(fc.integer({ min: FIRST / (15 * MINUTE), max: Math.floor(LAST / (15 * MINUTE)) }), fc.constantFrom(0, 0, -1, 1, -1000, 59 * MINUTE)).map(([q, d]) => q * 15 * MINUTE + d),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.constantFrom(0, -1, 1, -MINUTE, MINUTE, -30 * MINUTE, 30 * MINUTE, -HOUR, HOUR, -12 * HOUR, 12 * HOUR, -DAY, DAY)).map(([t, d]) => t + d),
  fc.constantFrom('1990-01-01T00:00:00Z', '1990-01-01T10:00:00Z', '2026-12-31T10:59:59.999Z', '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00Z', '2028-02-29T12:00:00Z', '2011-12-30T10:00:00Z', '1994-12-31T12:00:00Z').map(Date.parse),
).map((t) => new Date(t));

interface Reader {
  status: ReaderStatus;
  frequency: DigestFrequency;
  weeklyDay: number;
  deliveryHour: number;
  timezone: string;
  /** A delivery row already there: none, for their local date (by the pure rule's clock), or the day before or after it. */
  delivery: 'none' | 'local' | 'day-before' | 'day-after';
  deliveryState: string;
}

const readers = fc.array(
  fc.record<Reader>({
    status: fc.constantFrom('active', 'active', 'active', 'pending', 'unsubscribed', 'suppressed'),
    frequency: fc.constantFrom('daily', 'daily', 'weekly', 'weekly', 'paused'),
    weeklyDay: fc.integer({ min: 0, max: 6 }),
    deliveryHour: fc.integer({ min: 0, max: 23 }),
    timezone: fc.constantFrom(...ZONES),
    delivery: fc.constantFrom('none', 'none', 'local', 'day-before', 'day-after'),
    deliveryState: fc.constantFrom('queued', 'claimed', 'sent', 'skipped', 'unknown', 'failed', 'suppressed'),
  }),
  { minLength: 1, maxLength: 30 },
);

describe('dueReaders (SQL) agrees with isDue (the pure rule) on real Postgres', () => {
  let db: MigratedDatabase;
  let repository: DeliveryRepository;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    repository = new DeliveryRepository(sqlOf(db.dataSource));
  });

  afterAll(async () => {
    await db?.close();
  });

  /**
   * Stores the readers and their deliveries (in the partitions of the dates around the instant, or
   * when those do not exist, in the default partition); returns each reader's id and the dates they
   * have a delivery for.
   */
  async function store(instant: Date, all: readonly Reader[], withPartitions: boolean): Promise<Array<{ id: string; dates: Set<string> }>> {
    await db.dataSource.query('DELETE FROM subscribers');
    if (withPartitions) {
      const { earliest, latest } = localDatesAt(instant);
      await repository.ensurePartitions(addDays(earliest, -1), addDays(latest, 1));
    }
    const rows: Array<{ id: string; n: number }> = await db.dataSource.query(
      `INSERT INTO subscribers (email, email_normalized, status, frequency, weekly_day, delivery_hour, timezone)
       SELECT 'r' || n || '@example.org', 'r' || n || '@example.org', status::subscriber_status, frequency::digest_frequency, weekly_day, delivery_hour, timezone
       FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[]) WITH ORDINALITY AS t(status, frequency, weekly_day, delivery_hour, timezone, n)
       RETURNING id, substring(email from 2 for position('@' in email) - 2)::int AS n`,
      [all.map((r) => r.status), all.map((r) => r.frequency), all.map((r) => r.weeklyDay), all.map((r) => r.deliveryHour), all.map((r) => r.timezone)],
    );
    const ids = new Map(rows.map((r) => [r.n, r.id]));
    const stored = all.map((reader, i) => {
      const local = localClock(instant, reader.timezone).date;
      const date = { none: null, local, 'day-before': addDays(local, -1), 'day-after': addDays(local, 1) }[reader.delivery];
      return { id: ids.get(i + 1)!, dates: new Set(date ? [date] : []), state: reader.deliveryState };
    });
    const withDelivery = stored.filter((s) => s.dates.size > 0);
    await db.dataSource.query(
      `INSERT INTO deliveries (subscriber_id, edition_date, state) SELECT * FROM unnest($1::uuid[], $2::date[], $3::delivery_state[])`,
      [withDelivery.map((s) => s.id), withDelivery.map((s) => [...s.dates][0]), withDelivery.map((s) => s.state)],
    );
    return stored;
  }

  /** Every due reader, a page of `pageSize` at a time, as the planner pages through them. */
  async function allDue(instant: Date, pageSize: number): Promise<Array<{ subscriberId: string; editionDate: string }>> {
    const due: Array<{ subscriberId: string; editionDate: string }> = [];
    for (let after: string | null = null; ; ) {
      const page = await repository.dueReaders(instant, after, pageSize);
      due.push(...page);
      if (page.length < pageSize) return due;
      after = page[page.length - 1].subscriberId;
    }
  }

  const byId = (a: { subscriberId: string }, b: { subscriberId: string }) => a.subscriberId.localeCompare(b.subscriberId);

  it('selects exactly the readers the rule finds due, named by the same local date', async () => {
    await fc.assert(
      fc.asyncProperty(instants, readers, fc.integer({ min: 1, max: 8 }), fc.constantFrom(true, false, false, false), async (instant, all, pageSize, withPartitions) => {
        const stored = await store(instant, all, withPartitions);
        const expected = all
          .map((reader, i) => {
            const schedule: DeliverySchedule = { status: reader.status, frequency: reader.frequency, timezone: reader.timezone, deliveryHour: reader.deliveryHour, weeklyDay: reader.weeklyDay };
            const decision = isDue(schedule, instant, (date) => stored[i].dates.has(date));
            return decision.due ? { subscriberId: stored[i].id, editionDate: decision.editionDate } : null;
          })
          .filter((d) => d !== null)
          .sort(byId);
        expect({ instant: instant.toISOString(), due: (await allDue(instant, pageSize)).sort(byId) }).toEqual({ instant: instant.toISOString(), due: expected });
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('found the DST transitions it was meant to try', () => {
    // Both hemispheres, the 45-minute Chatham change and the 30-minute Lord Howe one are in the generator's list.
    const at = (iso: string) => TRANSITIONS.includes(Date.parse(iso));
    expect(at('2026-03-29T01:00:00Z')).toBe(true); // Europe/Berlin, Europe/London: spring forward
    expect(at('2026-04-04T16:00:00Z')).toBe(true); // Australia/Sydney: back to standard time
    expect(at('2026-04-04T15:00:00Z')).toBe(true); // Australia/Lord_Howe: 02:00 back to 01:30
    expect(at('2026-09-26T14:00:00Z')).toBe(true); // Pacific/Chatham: 02:45 forward to 03:45
    expect(at('2011-12-30T10:00:00Z')).toBe(true); // Pacific/Apia skips 30 December 2011
  });
});
