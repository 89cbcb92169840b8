import {
  arxivLinks,
  cleanText,
  normalizeArxivId,
  utcDay,
  type NormalizedPaper,
  type ParseResult,
  type SkippedEntry,
} from '../normalized-paper.js';

// A small reader for the one shape arXiv serves (no DTD, no nesting of same-named
// elements inside <entry>), so the parser needs no XML dependency.

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities in one pass, so `&amp;lt;` stays the text `&lt;`. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Text content of an element: tags dropped, entities decoded, CDATA kept verbatim. */
function textOf(content: string): string {
  return content
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEntities(part.replace(/<[^>]*>/g, ''))))
    .join('');
}

interface XmlElement {
  attrs: Record<string, string>;
  /** Raw inner XML. */
  inner: string;
}

const escapeName = (name: string) => name.replace(/[.:]/g, '\\$&');

function elements(xml: string, name: string): XmlElement[] {
  const tag = escapeName(name);
  const pattern = new RegExp(`<${tag}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${tag}\\s*>)`, 'g');
  return [...xml.matchAll(pattern)].map((m) => ({ attrs: attributes(m[1] ?? ''), inner: m[2] ?? '' }));
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]] = decodeXmlEntities(m[2] ?? m[3]);
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

function toPaper(entry: string, source: string): NormalizedPaper | string {
  const announce = text(entry, 'arxiv:announce_type');
  if (announce && REPLACEMENTS.has(announce)) return 'replacement, not a new paper';

  const links = elements(entry, 'link').map((l) => l.attrs);
  const rawId = text(entry, 'id');
  // RSS feeds use an OAI id; the abs link names the paper too.
  const arxivId = normalizeArxivId(rawId) ?? normalizeArxivId(links.find((l) => l.rel === 'alternate')?.href);
  if (!arxivId) return rawId ? `invalid arXiv id "${rawId}"` : 'missing id';
  const title = text(entry, 'title');
  if (!title) return 'missing title';

  const authorElements = elements(entry, 'author');
  const authors = authorElements.length
    ? authorElements.map((a) => text(a.inner, 'name') ?? '')
    : (text(entry, 'dc:creator') ?? '').split(/,\s*|\s+and\s+/);
  // Affiliations are per author; the first one stands in for the organisation.
  const organization = authorElements.map((a) => text(a.inner, 'arxiv:affiliation')).find(Boolean) ?? null;
  const comment = text(entry, 'arxiv:comment') ?? '';
  const published = text(entry, 'published');
  const code = CODE_URL.exec(comment)?.[0].replace(/\.+$/, '');
  const named = authors.filter((a) => a !== '');

  return {
    arxivId,
    title,
    abstract: (text(entry, 'summary') ?? '').replace(ANNOUNCE_PREFIX, ''),
    aiSummary: null,
    authors: named,
    authorCount: named.length > 0 ? named.length : null,
    organization,
    arxivDate: published ? utcDay(published) : null,
    featuredDate: null,
    upvotes: null,
    // The feed's own links carry a version; the canonical ones always show the latest.
    links: { ...arxivLinks(arxivId), ...(code ? { code } : {}) },
    keywords: [...new Set(elements(entry, 'category').map((c) => c.attrs.term).filter((t): t is string => !!t))],
    withdrawnAt: null,
    source,
    raw: entry,
  };
}

/**
 * Parses an arXiv API or RSS Atom feed. Replacements (`arxiv:announce_type`
 * replace, replace-cross) are skipped: they are new versions, not new papers.
 */
export function parseArxivAtom(xml: string, source = 'arxiv'): ParseResult {
  const papers: NormalizedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  [...xml.matchAll(/<entry[\s>][\s\S]*?<\/entry\s*>/g)].forEach((match, i) => {
    const result = toPaper(match[0], source);
    if (typeof result === 'string') {
      const id = text(match[0], 'id');
      skipped.push({ ref: id ? `entry ${i} (${id})` : `entry ${i}`, reason: result });
    } else {
      papers.push(result);
    }
  });
  return { papers, skipped };
}
