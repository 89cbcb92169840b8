/**
 * A whole number typed as decimal digits (an optional minus sign, at most 9
 * digits), or undefined. `Number()` would also take "0x10", "1e1", "0b1",
 * " 12 " and "Infinity"; a form or CSV cell means none of those.
 */
export function parseDecimalInteger(text: string): number | undefined {
  return /^-?\d{1,9}$/.test(text) ? Number(text) : undefined;
}

export const DECIMAL_INTEGER_REASON = 'must be a whole number written with digits 0-9';
