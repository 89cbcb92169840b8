import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDecimalInteger } from './decimal-integer.js';

describe('parseDecimalInteger', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['050', 50],
    ['-1', -1],
    ['123456789', 123456789],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimalInteger(text)).toBe(value);
  });

  it.each(['', ' ', '0x10', '1e1', '0b1', '0o7', '1.0', '1.5', '+1', ' 12', '12 ', 'Infinity', 'NaN', '１２', '1_000', '1234567890', '--1', '-'])('refuses %j', (text) => {
    expect(parseDecimalInteger(text)).toBeUndefined();
  });

  it('property: accepts a string exactly when it is digits, and reads back the same number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const value = parseDecimalInteger(text);
        if (value === undefined) expect(/^-?[0-9]{1,9}$/.test(text)).toBe(false);
        else expect(String(value)).toBe(String(Number.parseInt(text, 10)));
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.integer({ min: -999_999_999, max: 999_999_999 }), (n) => expect(parseDecimalInteger(String(n))).toBe(n)));
  });
});
