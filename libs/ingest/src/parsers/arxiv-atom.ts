import { cleanText } from '@app/text-safety';
import { shown } from '../field-rules.js';
import { fitPaper, type PaperDraft } from '../fit-paper.js';
import { arxivLinks, normalizeArxivId, type NormalizedPaper, type ParseResult, type SkippedEntry } from '../normalized-paper.js';

/*
 * A small reader for the one shape arXiv serves (no nesting of same-named elements inside <entry>), so the parser
 * needs no XML dependency. It is written for hostile input too: no DTD is read, so no entity expands beyond the five
 * XML ones and character references (a "billion laughs" stays a few bytes of text), and every scan is indexOf-based
 * and linear, because a backtracking regex over a few megabytes of unclosed tags would hold the worker for hours.
 */

/** Bigger entries are skipped: a real one is a few kilobytes even with a hundred authors. */
export const MAX_ENTRY_CHARS = 256 * 1024;
// Longer opening tags are read without their attributes (a real one is under 200 characters).
const MAX_TAG_CHARS = 4096;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities in one pass, so `&amp;lt;` stays the text `&lt;`. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// `[^<>]*` stops at the next "<", so a run of unclosed "<" costs linear time, not quadratic.
const markupText = (part: string) => decodeXmlEntities(part.replace(/<[^<>]*>/g, ''));

/** Text content of an element: tags dropped, entities decoded, CDATA kept verbatim. */
function textOf(content: string): string {
  let text = '';
  let position = 0;
  while (position < content.length) {
    const start = content.indexOf('<![CDATA[', position);
    if (start < 0) return text + markupText(content.slice(position));
    text += markupText(content.slice(position, start));
    const end = content.indexOf(']]>', start + 9);
    if (end < 0) return text + content.slice(start + 9);
    text += content.slice(start + 9, end);
    position = end + 3;
  }
  return text;
}

interface XmlElement {
  attrs: Record<string, string>;
  /** Raw inner XML. */
  inner: string;
  /** The element itself, tags included. */
  outer: string;
}

const isNameEnd = (c: string | undefined) => c === '>' || c === '/' || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Where `</name>` (optionally with spaces before ">") ends, searching from `from`; -1 when there is none. */
function closingTag(xml: string, name: string, from: number): { start: number; end: number } | null {
  const close = `</${name}`;
  for (let at = xml.indexOf(close, from); at >= 0; at = xml.indexOf(close, at + close.length)) {
    let end = at + close.length;
    while (end < xml.length && /\s/.test(xml[end])) end++;
    if (xml[end] === '>') return { start: at, end: end + 1 };
  }
  return null;
}

/**
 * Every `<name …>…</name>` or `<name …/>` in order, in one left-to-right pass; `unclosed` when an element opens and
 * never closes (a truncated document).
 */
function scanElements(xml: string, name: string): { found: XmlElement[]; unclosed: boolean } {
  const found: XmlElement[] = [];
  const open = `<${name}`;
  let position = 0;
  for (;;) {
    const start = xml.indexOf(open, position);
    if (start < 0) break;
    if (!isNameEnd(xml[start + open.length])) {
      position = start + open.length;
      continue;
    }
    const tagEnd = xml.indexOf('>', start + open.length);
    if (tagEnd < 0) return { found, unclosed: true };
    const tag = xml.slice(start + open.length, tagEnd);
    const attrs = tag.length <= MAX_TAG_CHARS ? attributes(tag) : {};
    if (tag.endsWith('/')) {
      found.push({ attrs, inner: '', outer: xml.slice(start, tagEnd + 1) });
      position = tagEnd + 1;
      continue;
    }
    // No closing tag after this one means none for any later one either: stop rather than rescan.
    const close = closingTag(xml, name, tagEnd + 1);
    if (!close) return { found, unclosed: true };
    found.push({ attrs, inner: xml.slice(tagEnd + 1, close.start), outer: xml.slice(start, close.end) });
    position = close.end;
  }
  return { found, unclosed: false };
}

const elements = (xml: string, name: string) => scanElements(xml, name).found;

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]{1,64})\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]] = decodeXmlEntities(m[2] ?? m[3]);
  return attrs;
}

function text(xml: string, name: string): string | null {
  const [element] = elements(xml, name);
  return element ? cleanText(textOf(element.inner)) : null;
}

// rss.arxiv.org feeds prefix the abstract with "arXiv:2510.01234v1 Announce Type: new Abstract:".
const ANNOUNCE_PREFIX = /^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*/i;
const REPLACEMENTS = new Set(['replace', 'replace-cross']);
const CODE_URL = /https?:\/\/(?:www\.)?github\.com\/[\w.-]+\/[\w.-]+/i;

function toDraft(entry: string, outer: string, source: string): PaperDraft | string {
  const announce = text(entry, 'arxiv:announce_type');
  if (announce && REPLACEMENTS.has(announce)) return 'replacement, not a new paper';

  const links = elements(entry, 'link').map((l) => l.attrs);
  const rawId = text(entry, 'id');
  // RSS feeds use an OAI id; the abs link names the paper too.
  const arxivId = normalizeArxivId(rawId) ?? normalizeArxivId(links.find((l) => l.rel === 'alternate')?.href);
  if (!arxivId) return rawId ? `invalid arXiv id "${shown(rawId, 80)}"` : 'missing id';

  const authorElements = elements(entry, 'author');
  const authors = authorElements.length
    ? authorElements.map((a) => text(a.inner, 'name') ?? '')
    : (text(entry, 'dc:creator') ?? '').split(/,\s*|\s+and\s+/);
  // Affiliations are per author; the first one stands in for the organisation.
  const organization = authorElements.map((a) => text(a.inner, 'arxiv:affiliation')).find(Boolean) ?? null;
  const comment = text(entry, 'arxiv:comment') ?? '';

  return {
    arxivId,
    title: text(entry, 'title'),
    abstract: (text(entry, 'summary') ?? '').replace(ANNOUNCE_PREFIX, ''),
    authors,
    organization,
    arxivDate: text(entry, 'published'),
    // The feed's own links carry a version; the canonical ones always show the latest.
    links: { ...arxivLinks(arxivId), code: CODE_URL.exec(comment)?.[0].replace(/\.+$/, '') },
    keywords: elements(entry, 'category').flatMap((c) => (c.attrs.term === undefined ? [] : [c.attrs.term])),
    source,
    raw: outer,
  };
}

/**
 * Parses an arXiv API or RSS Atom feed. Replacements (`arxiv:announce_type`
 * replace, replace-cross) are skipped: they are new versions, not new papers.
 */
export function parseArxivAtom(xml: string, source = 'arxiv'): ParseResult {
  const papers: NormalizedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  const corrected: SkippedEntry[] = [];
  const now = Date.now();
  const entries = scanElements(xml, 'entry');
  entries.found.forEach(({ inner, outer }, i) => {
    const id = inner.length <= MAX_ENTRY_CHARS ? text(inner, 'id') : null;
    const ref = id ? `entry ${i} (${shown(id, 80)})` : `entry ${i}`;
    if (inner.length > MAX_ENTRY_CHARS) return void skipped.push({ ref, reason: `entry has ${inner.length} characters, over ${MAX_ENTRY_CHARS}` });
    const draft = toDraft(inner, outer, source);
    const fitted = typeof draft === 'string' ? { skip: draft } : fitPaper(draft, now);
    if ('skip' in fitted) return void skipped.push({ ref, reason: fitted.skip });
    papers.push(fitted.paper);
    for (const reason of fitted.corrections) corrected.push({ ref, reason });
  });
  if (entries.unclosed) skipped.push({ ref: `entry ${entries.found.length}`, reason: 'the feed ends inside this entry (cut off)' });
  return { papers, skipped, corrected };
}
