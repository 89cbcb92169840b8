import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, classifySmtpFailure, daysBetween, editionWindow, isDue, localClock, resolveClaim, retryDelayMs, type DeliverySchedule } from './index.js';

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
  it('covers the days since the last sent edition, or the first-edition days', () => {
    expect(editionWindow('2026-11-22', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(editionWindow(null, '2026-11-29')).toEqual({ from: '2026-11-27', to: '2026-11-29' });
    expect(editionWindow(null, '2026-03-01', 2)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
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

describe('resolveClaim (the crash policy)', () => {
  const now = at('2026-11-29T07:00:00Z');
  const claimant = { batchId: 'b2', now, leaseMs: 60_000 };
  const claimed = (ageMs: number, smtpStarted: boolean, batchId = 'b1') => ({ state: 'claimed' as const, claimedAt: new Date(now.getTime() - ageMs), smtpStarted, batchId });

  it('takes rows nobody holds', () => {
    expect(resolveClaim(null, claimant)).toBe('take');
    expect(resolveClaim({ state: 'queued', claimedAt: null, smtpStarted: false, batchId: 'b1' }, claimant)).toBe('take');
  });

  it('leaves a live claim alone, and takes one whose lease ran out before SMTP began', () => {
    expect(resolveClaim(claimed(1000, false), claimant)).toBe('in-progress');
    expect(resolveClaim(claimed(61_000, false), claimant)).toBe('take');
  });

  it('lets a re-run of the same batch take its own unstarted rows at once', () => {
    expect(resolveClaim(claimed(1000, false, 'b2'), claimant)).toBe('take');
    expect(resolveClaim(claimed(1000, true, 'b2'), claimant)).toBe('in-progress');
  });

  it('never re-sends a row whose SMTP exchange began: unknown once its lease ran out', () => {
    expect(resolveClaim(claimed(61_000, true), claimant)).toBe('unknown');
    expect(resolveClaim(claimed(61_000, true, 'b2'), claimant)).toBe('unknown');
  });

  it('leaves final rows as they are', () => {
    for (const state of ['sent', 'failed', 'suppressed', 'skipped', 'unknown'] as const) {
      expect(resolveClaim({ state, claimedAt: null, smtpStarted: true, batchId: 'b2' }, claimant)).toBe('finished');
    }
  });
});

describe('classifySmtpFailure', () => {
  it('5xx is permanent and 4xx transient, whatever the command', () => {
    expect(classifySmtpFailure({ responseCode: 550, command: 'RCPT TO' })).toBe('permanent');
    expect(classifySmtpFailure({ responseCode: 552, command: 'DATA' })).toBe('permanent');
    expect(classifySmtpFailure({ responseCode: 451, command: 'DATA' })).toBe('transient');
    expect(classifySmtpFailure({ responseCode: 421, command: 'CONN', code: 'ECONNECTION' })).toBe('transient');
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
