import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CALENDAR_DAY_PATTERN, FIRST_CALENDAR_YEAR, isCalendarDay } from './calendar-day.js';

describe('isCalendarDay', () => {
  it.each(['2026-11-20', '2024-02-29', '1990-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDay(value)).toBe(true);
  });

  it.each(['0000-01-01', '1989-12-31', '2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-1', '2026-01-01T00:00:00Z', ' 2026-01-01', '+02026-01-01', ''])(
    'refuses %j',
    (value) => {
      expect(isCalendarDay(value)).toBe(false);
    },
  );

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 20261120, ['2026-11-20'], { toString: () => '2026-11-20' }]) expect(isCalendarDay(value)).toBe(false);
  });

  it('property: accepts exactly the days Postgres stores from FIRST_CALENDAR_YEAR on, each in its one spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const date = new Date(Date.UTC(2000, month - 1, day));
        date.setUTCFullYear(year);
        const real = month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        expect(isCalendarDay(value)).toBe(real && year >= FIRST_CALENDAR_YEAR);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('CALENDAR_DAY_PATTERN', () => {
  it('property: with a real day of its month, says exactly what isCalendarDay accepts', () => {
    const pattern = new RegExp(CALENDAR_DAY_PATTERN, 'u');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const realDay = !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
        expect(pattern.test(value) && realDay).toBe(isCalendarDay(value));
      }),
      { numRuns: 3000 },
    );
  });
});
