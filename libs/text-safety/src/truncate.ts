// Marks, joiners and variation selectors belong to the character before them: a cut must not separate them.
const CONTINUES_CLUSTER = /^[\p{M}\u200C\u200D\uFE00-\uFE0F\uDC00-\uDFFF]/u;
const MAX_BACKOFF = 32;

/** Where to cut `text` at or before `end` without splitting a surrogate pair or (short) grapheme cluster. */
function clusterBoundary(text: string, end: number): number {
  let cut = end;
  while (cut > 0 && end - cut < MAX_BACKOFF && (CONTINUES_CLUSTER.test(text.slice(cut, cut + 1)) || text[cut - 1] === '\u200D')) cut--;
  // A "character" with dozens of marks (Zalgo text): cut it anyway, only never inside a surrogate pair.
  if (end - cut >= MAX_BACKOFF) cut = /[\uDC00-\uDFFF]/.test(text[end] ?? '') ? end - 1 : end;
  return cut;
}

/**
 * Cuts at a word boundary near `max` UTF-16 units and appends "…"; text at or under the limit is returned as is.
 * Text without a usable space (one enormous token, a URL, a formula, a language written without spaces) is cut at
 * the limit instead, so the result never exceeds `max` + 1 units.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  if (space >= max * 0.6) cut = cut.slice(0, space);
  else cut = cut.slice(0, clusterBoundary(text, max));
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
