const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 and C1 controls and DEL. Tab, LF and CR are whitespace and get collapsed below.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/*
 * Characters that change how text reads without showing themselves: Unicode's default-ignorable set (bidi
 * embeddings, overrides, isolates and marks, so U+202E cannot make "gpj.exe" read "exe.jpg"; zero-width space,
 * word joiner, soft hyphen, BOM, Hangul fillers, tag characters that can smuggle whole hidden sentences) plus the
 * interlinear annotation marks. Kept from that set: variation selectors (emoji presentation) and the zero-width
 * joiners, handled below.
 */
const HIDDEN = /(?![\u200C\u200D\uFE00-\uFE0F])\p{Default_Ignorable_Code_Point}|[\uFFF9-\uFFFB]/gu;
const JOINERS = /[\u200C\u200D]+/g;
const ASCII_OR_SPACE = /[\x00-\x7F]|\s/;

/**
 * A zero-width (non-)joiner shapes emoji sequences and Indic or Arabic scripts; between ASCII letters, at an edge or
 * next to a space it only hides something (a keyword that no longer matches, a "blank" name). One is kept where it
 * shapes, none elsewhere.
 */
function keepShapingJoiner(run: string, offset: number, whole: string): string {
  const before = whole[offset - 1];
  const after = whole[offset + run.length];
  if (before === undefined || after === undefined || ASCII_OR_SPACE.test(before) || ASCII_OR_SPACE.test(after)) return '';
  return run[0];
}

/**
 * Normalises untrusted text for showing it (pages, API, email) and for storing it (ingest): lone surrogates become
 * U+FFFD, controls and invisible characters go, every run of whitespace (newlines, tabs, no-break spaces) becomes one
 * space, and the ends are trimmed. Idempotent. What it returns contains no NUL and no lone surrogate, which both
 * Postgres and the cached email renderer rely on.
 */
// Printable ASCII words separated by single spaces: nothing below would change it.
const CLEAN_ASCII = /^(?:[!-~]+(?: [!-~]+)*)?$/;

export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Most text shown per reader (reasons, names) is already clean: skip the six passes.
  if (CLEAN_ASCII.test(value)) return value;
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, '')
    .replace(HIDDEN, '')
    .replace(JOINERS, keepShapingJoiner)
    .replace(/\s+/g, ' ')
    .trim();
}
