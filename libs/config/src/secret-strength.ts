/**
 * Is a secret good enough for production? Values published in this repository
 * (compose defaults, tests, benchmarks) are refused outright; anything else is
 * refused when a rough estimate of its entropy is below MIN_SECRET_BITS.
 */

/** Secret-looking values anyone can read in this repository or its history. */
const PUBLISHED_VALUES = [
  // docker-compose.yml before it required the variables
  'change-me-admin-token-0000',
  'change-me-token-secret-0000000000000000',
  // test suites and benchmarks
  'test-admin-token-0123456789',
  'test-token-secret-0123456789-0123456789',
  'process-test-admin-token',
  'process-test-token-secret-0123456789abcdef',
  'fault-test-admin-token-00',
  'fault-test-token-secret-0123456789abcdef',
  'cli-test-admin-token-000',
  'cli-test-token-secret-0123456789abcdef',
  'bench-admin-token-0000000',
  'bench-token-secret-0123456789abcdef0123',
];

/** Words people type into placeholder secrets: an attacker tries these first. */
const PLACEHOLDER_WORDS = [
  'changeme', 'change', 'replace', 'placeholder', 'example', 'secret', 'password', 'passwd', 'admin', 'token',
  'testing', 'test', 'default', 'dummy', 'sample', 'insecure', 'paperboy', 'letmein', 'qwerty', 'localhost',
  'local', 'development', 'production', 'staging', 'prod', 'bench', 'fault', 'process', 'super', 'your', 'mine',
  'random', 'value', 'string', 'hunter', 'key', 'dev', 'api', 'cli', 'me', 'my',
].sort((a, b) => b.length - a.length);

/** One pick from the list above. */
const WORD_BITS = Math.log2(PLACEHOLDER_WORDS.length);
const SEPARATOR_BITS = 1;
/** Going from letters to digits (or case to case) is one more choice. */
const CLASS_SWITCH_BITS = 2;
/** Shorter runs happen by chance in random hex too often to discount. */
const MIN_RUN = 4;
const SEPARATORS = new Set(['-', '_', '.', ' ', ':']);

/** What an operator's secret must reach; 32 random bytes in base64 estimate at over 200. */
export const MIN_SECRET_BITS = 64;

export const GENERATE_HINT = 'generate one with `openssl rand -base64 32`';

type CharClass = 'lower' | 'upper' | 'digit' | 'symbol' | 'hex';
const CLASS_BITS: Record<CharClass, number> = { lower: Math.log2(26), upper: Math.log2(26), digit: Math.log2(10), symbol: Math.log2(33), hex: 4 };

function classOf(char: string, hex: boolean): CharClass {
  if (hex) return 'hex';
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'symbol';
}

/** Length of the run starting at i where each character steps by the same -1, 0 or +1 ("aaaa", "1234", "fedc"). */
function runLength(text: string, i: number): number {
  if (i + 1 >= text.length) return 1;
  const step = text.charCodeAt(i + 1) - text.charCodeAt(i);
  if (Math.abs(step) > 1) return 1;
  let end = i + 1;
  while (end + 1 < text.length && text.charCodeAt(end + 1) - text.charCodeAt(end) === step) end++;
  return end - i + 1;
}

/**
 * Walks the value left to right: a placeholder word costs one pick from the
 * list, a run its first character and its length, a separator one bit, any
 * other character the bits of its class (plus a little for a class switch).
 */
function walkBits(value: string, hex: boolean): number {
  const lower = value.toLowerCase();
  let bits = 0;
  let previous: CharClass | null = null;
  let i = 0;
  while (i < value.length) {
    const word = PLACEHOLDER_WORDS.find((w) => lower.startsWith(w, i));
    if (word) {
      bits += WORD_BITS;
      i += word.length;
      previous = null;
      continue;
    }
    if (SEPARATORS.has(value[i]) && !hex) {
      bits += SEPARATOR_BITS;
      i++;
      previous = null;
      continue;
    }
    const charClass = classOf(value[i], hex);
    const run = runLength(value, i);
    bits += CLASS_BITS[charClass] + (previous !== null && previous !== charClass ? CLASS_SWITCH_BITS : 0);
    if (run >= MIN_RUN) bits += Math.log2(run);
    i += run >= MIN_RUN ? run : 1;
    previous = classOf(value[i - 1], hex);
  }
  return bits;
}

/** The shortest unit the value repeats ("abcabcabc" -> "abc"), or the value itself. */
function repeatedUnit(value: string): string {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) return value.slice(0, size);
  }
  return value;
}

/**
 * A rough, conservative estimate of how many bits an attacker must guess:
 * placeholder words, runs ("aaaa", "0123") and repetition count for little.
 * Not a password meter; it only has to tell typed placeholders from random bytes.
 */
export function estimateSecretBits(value: string): number {
  if (value === '') return 0;
  // Hex of one letter case is 4 bits a character, letters and digits alike.
  const hex = (/^[0-9a-f]+$/.test(value) || /^[0-9A-F]+$/.test(value)) && /[a-f]/i.test(value);
  const unit = repeatedUnit(value);
  return walkBits(unit, hex) + Math.log2(value.length / unit.length);
}

/** Why this value must not be a production secret, or null when it may. */
export function weakSecretReason(value: string): string | null {
  if (PUBLISHED_VALUES.includes(value.trim().toLowerCase())) return `is a value published in Paperboy's repository; ${GENERATE_HINT}`;
  const bits = estimateSecretBits(value);
  if (bits < MIN_SECRET_BITS) return `is too easy to guess (about ${Math.floor(bits)} bits, at least ${MIN_SECRET_BITS} needed); ${GENERATE_HINT}`;
  return null;
}
