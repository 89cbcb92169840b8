import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, classifySmtpFailure, daysBetween, editionWindow, isDue, localClock, localDatesAt, resolveClaim, resolveStaleClaim, retryDelayMs, utcDay, type DeliverySchedule } from './index.js';

const at = (iso: string) => new Date(iso);
const reader = (over: Partial<DeliverySchedule> = {}): DeliverySchedule => ({ status: 'active', frequency: 'daily', timezone: 'UTC', deliveryHour: 7, weeklyDay: 1, ...over });
const none = () => false;

describe('localClock', () => {
  it('reads the wall clock of the zone, date line included', () => {
    expect(localClock(at('2026-11-29T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-11-30', hour: 8, weekday: 1 });
    expect(localClock(at('2026-11-29T03:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-11-28', hour: 19, weekday: 6 });
    expect(localClock(at('2026-11-29T10:00:00Z'), 'Pacific/Kiritimati')).toEqual({ date: '2026-11-30', hour: 0, weekday: 1 });
    expect(localClock(at('2026-11-29T10:00:00Z'), 'Asia/Kathmandu').hour).toBe(15); // +05:45
  });

  it('jumps over a spring-forward gap and reads a repeated autumn hour twice', () => {
    // New York, 8 March 2026: 01:59 EST is followed by 03:00 EDT.
    expect(localClock(at('2026-03-08T06:59:00Z'), 'America/New_York').hour).toBe(1);
    expect(localClock(at('2026-03-08T07:00:00Z'), 'America/New_York').hour).toBe(3);
    // 1 November 2026: 01:00–01:59 happens twice.
    expect(localClock(at('2026-11-01T05:30:00Z'), 'America/New_York').hour).toBe(1);
    expect(localClock(at('2026-11-01T06:30:00Z'), 'America/New_York').hour).toBe(1);
  });
});

describe('localDatesAt', () => {
  it('holds the local date of every zone the runtime knows, at any instant', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(fc.date({ min: at('1900-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...zones), (instant, zone) => {
        const { earliest, latest } = localDatesAt(instant);
        const { date } = localClock(instant, zone);
        expect(date >= earliest && date <= latest).toBe(true);
        expect([1, 2]).toContain(daysBetween(earliest, latest));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the UTC day and its neighbours as far as UTC−12 and UTC+14 reach', () => {
    expect(localDatesAt(at('2026-12-31T11:00:00Z'))).toEqual({ earliest: '2026-12-30', latest: '2027-01-01' });
    expect(localDatesAt(at('2026-12-31T12:00:00Z'))).toEqual({ earliest: '2026-12-31', latest: '2027-01-01' });
    expect(localDatesAt(at('1990-01-01T09:59:59Z'))).toEqual({ earliest: '1989-12-31', latest: '1990-01-01' });
  });
});

describe('isDue', () => {
  it('is due from the delivery hour of the local day, once', () => {
    expect(isDue(reader(), at('2026-11-29T06:59:59Z'), none)).toEqual({ due: false, reason: 'before delivery hour' });
    expect(isDue(reader(), at('2026-11-29T07:00:00Z'), none)).toEqual({ due: true, editionDate: '2026-11-29' });
    expect(isDue(reader(), at('2026-11-29T23:59:00Z'), none)).toEqual({ due: true, editionDate: '2026-11-29' });
    expect(isDue(reader(), at('2026-11-29T09:00:00Z'), (d) => d === '2026-11-29')).toEqual({ due: false, reason: 'edition exists' });
  });

  it('names the edition by the reader’s local date', () => {
    const tokyo = reader({ timezone: 'Asia/Tokyo', deliveryHour: 8 });
    expect(isDue(tokyo, at('2026-11-29T23:00:00Z'), none)).toEqual({ due: true, editionDate: '2026-11-30' });
    expect(isDue(tokyo, at('2026-11-29T22:59:00Z'), none)).toEqual({ due: false, reason: 'before delivery hour' });
  });

  it('sends weekly readers on their weekday only, and nobody inactive or paused', () => {
    const weekly = reader({ frequency: 'weekly', weeklyDay: 0 }); // Sunday
    expect(isDue(weekly, at('2026-11-29T08:00:00Z'), none)).toEqual({ due: true, editionDate: '2026-11-29' }); // a Sunday
    expect(isDue(weekly, at('2026-11-30T08:00:00Z'), none)).toEqual({ due: false, reason: 'not their weekday' });
    expect(isDue(reader({ frequency: 'paused' }), at('2026-11-29T08:00:00Z'), none)).toEqual({ due: false, reason: 'paused' });
    for (const status of ['pending', 'unsubscribed', 'suppressed'] as const) {
      expect(isDue(reader({ status }), at('2026-11-29T08:00:00Z'), none)).toEqual({ due: false, reason: 'not active' });
    }
  });

  it('in a DST gap, the first instant after it is due; the repeated hour gives one edition', () => {
    const ny = reader({ timezone: 'America/New_York', deliveryHour: 2 });
    // 02:00 does not exist on 8 March 2026; at 01:59 EST it is not yet due, at 03:00 EDT it is.
    expect(isDue(ny, at('2026-03-08T06:59:00Z'), none).due).toBe(false);
    expect(isDue(ny, at('2026-03-08T07:00:00Z'), none)).toEqual({ due: true, editionDate: '2026-03-08' });
    const oneAm = reader({ timezone: 'America/New_York', deliveryHour: 1 });
    const sent = new Set<string>();
    for (const instant of ['2026-11-01T05:10:00Z', '2026-11-01T06:10:00Z']) {
      const decision = isDue(oneAm, at(instant), (d) => sent.has(d));
      if (decision.due) sent.add(decision.editionDate);
    }
    expect([...sent]).toEqual(['2026-11-01']);
  });
});

describe('editionWindow', () => {
  it('covers the days since the last sent edition was built, or the first-edition days', () => {
    expect(editionWindow('2026-11-22', '2026-11-29')).toEqual({ from: '2026-11-21', to: '2026-11-29' });
    expect(editionWindow(null, '2026-11-29')).toEqual({ from: '2026-11-27', to: '2026-11-29' });
    expect(editionWindow(null, '2026-03-01', 2)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
  });

  it('gives a Tokyo reader at 08:00 the papers featured since their last edition, not an empty window', () => {
    // The edition of 1 December (Tokyo) is built at 23:00 UTC on 30 November, the day after the
    // edition of 30 November was built: that whole UTC day was never in any window before.
    expect(editionWindow('2026-11-30', utcDay(at('2026-11-30T23:00:00Z')))).toEqual({ from: '2026-11-29', to: '2026-11-30' });
  });

  it('leaves no featured day out between two editions, whatever the reader’s zone and hour', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.date({ min: at('1990-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 8 }),
        (zone, deliveryHour, start, everyDays) => {
          // A reader due every `everyDays` days (1: daily; 7: weekly; otherwise a pause) served by a
          // scheduler ticking every quarter of an hour: each window must reach back to the UTC day
          // the previous edition was built on (papers featured after it went out).
          const schedule: DeliverySchedule = { status: 'active', frequency: 'daily', timezone: zone, deliveryHour, weeklyDay: 0 };
          const sent = new Set<string>();
          let previous: { edition: string; builtOn: string } | null = null;
          let skipUntil = '';
          for (let t = start.getTime(), end = t + 20 * 86_400_000; t < end; t += 15 * 60_000) {
            const decision = isDue(schedule, new Date(t), (d) => sent.has(d) || d < skipUntil);
            if (!decision.due) continue;
            const builtOn = utcDay(new Date(t));
            const window = editionWindow(previous?.edition ?? null, builtOn);
            expect(window.from <= window.to).toBe(true);
            if (previous) expect({ from: window.from, previousBuiltOn: previous.builtOn, ok: window.from <= previous.builtOn }).toMatchObject({ ok: true });
            sent.add(decision.editionDate);
            skipUntil = addDays(decision.editionDate, everyDays);
            previous = { edition: decision.editionDate, builtOn };
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('day arithmetic crosses months, leap days and years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: -800, max: 800 }), (offset, n) => {
        const day = addDays('1990-01-01', offset);
        expect(daysBetween(day, addDays(day, n))).toBe(n);
      }),
    );
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('resolveClaim (the crash policy, as a batch applies it)', () => {
  const now = at('2026-11-29T07:00:00Z');
  const claimant = { batchId: 'b2', now, leaseMs: 60_000 };
  const claimed = (ageMs: number, smtpStarted: boolean, batchId: string | null = 'b2') => ({ state: 'claimed' as const, claimedAt: new Date(now.getTime() - ageMs), smtpStarted, batchId });

  it('takes the rows that wait for this batch', () => {
    expect(resolveClaim(null, claimant)).toBe('take');
    expect(resolveClaim({ state: 'queued', claimedAt: null, smtpStarted: false, batchId: 'b2' }, claimant)).toBe('take');
  });

  it('never takes a row labelled with another batch, or with none: its own job or the sweeper deals with it', () => {
    expect(resolveClaim({ state: 'queued', claimedAt: null, smtpStarted: false, batchId: 'b1' }, claimant)).toBe('other-batch');
    expect(resolveClaim({ state: 'queued', claimedAt: null, smtpStarted: false, batchId: null }, claimant)).toBe('other-batch');
    expect(resolveClaim(claimed(61_000, false, 'b1'), claimant)).toBe('other-batch');
    expect(resolveClaim(claimed(61_000, true, 'b1'), claimant)).toBe('other-batch');
  });

  it('lets a re-run of the batch take its own unstarted rows at once, lease or not', () => {
    expect(resolveClaim(claimed(1000, false), claimant)).toBe('take');
    expect(resolveClaim(claimed(61_000, false), claimant)).toBe('take');
    expect(resolveClaim(claimed(1000, true), claimant)).toBe('in-progress');
  });

  it('never re-sends a row whose SMTP exchange began: unknown once its lease ran out (a claim without a time has none left)', () => {
    expect(resolveClaim(claimed(60_000, true), claimant)).toBe('in-progress');
    expect(resolveClaim(claimed(60_001, true), claimant)).toBe('unknown');
    expect(resolveClaim({ state: 'claimed', claimedAt: null, smtpStarted: true, batchId: 'b2' }, claimant)).toBe('unknown');
  });

  it('leaves final rows as they are', () => {
    for (const state of ['sent', 'failed', 'suppressed', 'skipped', 'unknown'] as const) {
      expect(resolveClaim({ state, claimedAt: null, smtpStarted: true, batchId: 'b2' }, claimant)).toBe('finished');
    }
  });
});

describe('resolveStaleClaim (the crash policy, as the sweeper applies it)', () => {
  const now = at('2026-11-29T07:00:00Z');
  const row = (state: 'queued' | 'claimed' | 'sent', ageMs: number | null, smtpStarted: boolean) => ({ state, claimedAt: ageMs === null ? null : new Date(now.getTime() - ageMs), smtpStarted, batchId: 'b1' });

  it('turns a claim past its lease unknown if SMTP began, and re-drives it if not', () => {
    expect(resolveStaleClaim(row('claimed', 61_000, true), now, 60_000)).toBe('unknown');
    expect(resolveStaleClaim(row('claimed', 61_000, false), now, 60_000)).toBe('abandoned');
    expect(resolveStaleClaim(row('claimed', null, false), now, 60_000)).toBe('abandoned');
  });

  it('leaves live claims, queued rows and final rows', () => {
    expect(resolveStaleClaim(row('claimed', 60_000, true), now, 60_000)).toBe('held');
    expect(resolveStaleClaim(row('queued', 61_000, false), now, 60_000)).toBe('waiting');
    expect(resolveStaleClaim(row('sent', 61_000, true), now, 60_000)).toBe('finished');
  });
});

describe('classifySmtpFailure', () => {
  it('5xx to the recipient or the message is permanent, 4xx transient whatever the command', () => {
    expect(classifySmtpFailure({ responseCode: 550, command: 'RCPT TO' })).toBe('permanent');
    expect(classifySmtpFailure({ responseCode: 552, command: 'DATA' })).toBe('permanent');
    expect(classifySmtpFailure({ responseCode: 451, command: 'DATA' })).toBe('transient');
    expect(classifySmtpFailure({ responseCode: 421, command: 'CONN', code: 'ECONNECTION' })).toBe('transient');
  });

  it('a 5xx before RCPT TO refuses our server, login or sender, never the reader: transient, not a suppression', () => {
    // What nodemailer reports for a wrong SMTP password, a relay that refuses our sender, a server refusing service.
    expect(classifySmtpFailure({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550 })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EPROTOCOL', command: 'CONN', responseCode: 554 })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 })).toBe('permanent');
  });

  it('trouble before DATA is transient: the message was certainly not accepted', () => {
    expect(classifySmtpFailure({ code: 'ECONNECTION', command: 'CONN', originalCode: 'ECONNREFUSED' })).toBe('transient');
    expect(classifySmtpFailure({ code: 'ETIMEDOUT', command: 'EHLO' })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EENVELOPE', command: 'MAIL FROM' })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EDNS' })).toBe('transient');
  });

  it('a connection lost mid-session without a reply is unknown: DATA may have been accepted', () => {
    expect(classifySmtpFailure({ code: 'ECONNECTION', command: 'CONN' })).toBe('unknown');
    expect(classifySmtpFailure({ code: 'ECONNECTION' })).toBe('unknown'); // the pool's "closed while sending"
    expect(classifySmtpFailure({ code: 'ETIMEDOUT', command: 'CONN' })).toBe('unknown');
    expect(classifySmtpFailure(new Error('anything else'))).toBe('unknown');
    expect(classifySmtpFailure(null)).toBe('unknown');
  });

  it('backs off exponentially', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 200))).toEqual([200, 400, 800, 1600]);
  });
});
