/** Longer hrefs are dropped: no paper, code or project page needs one, and they bloat every page and email. */
export const MAX_HREF_LENGTH = 2048;

// The URL parser lets through hosts such as `"` or `{x}`; a real one is a DNS name (already punycode) or an IP.
const HOSTNAME = /^([a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/;

// An href already in the WHATWG serializer's own form, which safeHref would return unchanged: lower-case
// scheme and DNS host whose last label starts with a letter (so it is never read as an IPv4 number), no
// credentials, no default port, a path of unreserved characters without "." or ".." segments, no query
// or fragment. The digest's own links (tokens, arXiv ids) all look like this; checking them with a
// regular expression instead of the URL parser saves some forty parses per email.
const CANONICAL = /^(https?):\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(?::([1-9][0-9]{0,4}))?(\/[A-Za-z0-9_~\/.-]*)$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

function canonicalAsIs(url: string): boolean {
  const match = CANONICAL.exec(url);
  if (!match || url.length > MAX_HREF_LENGTH || DOT_SEGMENT.test(match[4])) return false;
  if (match[3] === undefined) return true;
  const port = Number(match[3]);
  return port <= 65535 && !(match[1] === 'http' && port === 80) && !(match[1] === 'https' && port === 443);
}

/**
 * Only absolute http(s) URLs survive: javascript:, data:, mailto:, relative and malformed values become undefined
 * and the caller drops the link. The result is the WHATWG-normalised href, so quotes, spaces, angle brackets,
 * controls and bidi overrides arrive percent-encoded rather than relying on attribute escaping alone.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > MAX_HREF_LENGTH * 2) return undefined;
  if (canonicalAsIs(url)) return url;
  const candidate = url.trim();
  // The URL parser would accept "https:example.org" and backslashes; demanding "//" up front keeps the rule simple to audit.
  if (!/^https?:\/\//i.test(candidate)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // "https://paperboy.example@evil.example" reads as our host to a human, and credentials have no place in a shown link.
  if (parsed.username !== '' || parsed.password !== '' || !HOSTNAME.test(parsed.hostname)) return undefined;
  return parsed.href.length <= MAX_HREF_LENGTH ? parsed.href : undefined;
}

/** The named links of a record that pass `safeHref`, normalised; the others (and any other key) are left out. */
export function safeLinks<K extends string>(links: unknown, keys: readonly K[]): Partial<Record<K, string>> {
  const safe: Partial<Record<K, string>> = {};
  if (typeof links !== 'object' || links === null) return safe;
  for (const key of keys) {
    const href = Object.hasOwn(links, key) ? safeHref((links as Record<string, unknown>)[key]) : undefined;
    if (href !== undefined) safe[key] = href;
  }
  return safe;
}
