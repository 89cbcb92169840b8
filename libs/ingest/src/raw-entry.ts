/*
 * `papers.raw` keeps each entry as the source sent it, for re-parsing after a parser fix. jsonb refuses two things
 * JSON itself allows (the \u0000 escape and unpaired surrogate escapes), and a hostile entry can be megabytes or
 * thousands of levels deep. So what is stored is the entry with those two repaired, or a marker saying why not.
 */

export const RAW_LIMITS = { depth: 32, chars: 256 * 1024 } as const;

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (s: string) => s.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD'));

class TooLarge extends Error {}

/** The entry as jsonb can store it: NUL removed, lone surrogates replaced; too deep or too large gives a marker. */
export function storableRaw(value: unknown): unknown {
  let budget: number = RAW_LIMITS.chars;
  const spend = (n: number) => {
    budget -= n;
    if (budget < 0) throw new TooLarge(`over ${RAW_LIMITS.chars} characters`);
  };
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      spend(v.length + 2);
      return storable(v);
    }
    if (typeof v === 'number') return Number.isFinite(v) ? (spend(24), v) : null;
    if (typeof v === 'boolean' || v === null) return (spend(5), v);
    if (typeof v !== 'object') return null;
    if (depth >= RAW_LIMITS.depth) throw new TooLarge(`nested over ${RAW_LIMITS.depth} levels deep`);
    spend(2);
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype.
    return Object.fromEntries(
      Object.entries(v).map(([key, item]) => {
        spend(key.length + 3);
        return [storable(key), walk(item, depth + 1)];
      }),
    );
  };
  try {
    return walk(value, 0);
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    return { notStored: `the entry is ${error.message}` };
  }
}
