import {
  arxivLinks,
  cleanText,
  isSyntheticPaperId,
  normalizeArxivId,
  utcDay,
  type NormalizedPaper,
  type ParseResult,
  type SkippedEntry,
} from '../normalized-paper.js';

type Json = Record<string, unknown>;

/** A field of the wrong type: the whole entry is skipped with this message. */
class FieldError extends Error {}

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

// The API leaves optional fields out; null is treated the same way.
function optional<T>(obj: Json, key: string, check: (v: unknown) => v is T, expected: string): T | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new FieldError(`${key} is not ${expected}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

function day(obj: Json, key: string): string | null {
  const value = optional(obj, key, isString, 'a string');
  if (value === undefined) return null;
  const parsed = utcDay(value);
  if (!parsed) throw new FieldError(`${key} is not a date: "${value}"`);
  return parsed;
}

function organizationName(value: unknown): string | null {
  if (typeof value === 'string') return cleanText(value) || null;
  if (!isRecord(value)) return null;
  const name = [value.fullname, value.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return name ? cleanText(name) : null;
}

function toPaper(item: unknown, source: string, paperPageBase: string): NormalizedPaper {
  if (!isRecord(item)) throw new FieldError('entry is not an object');
  // A daily_papers entry wraps the paper; /api/papers/{id} returns the paper itself.
  const entry = 'paper' in item ? item : null;
  const paper = entry ? entry.paper : item;
  if (!isRecord(paper)) throw new FieldError('paper is not an object');

  const rawId = optional(paper, 'id', isString, 'a string');
  if (rawId === undefined) throw new FieldError('missing id');
  const arxivId = normalizeArxivId(rawId) ?? (isSyntheticPaperId(rawId) ? rawId : null);
  if (!arxivId) throw new FieldError(`invalid arXiv id "${rawId}"`);

  const title = cleanText(optional(paper, 'title', isString, 'a string') ?? (entry && optional(entry, 'title', isString, 'a string')) ?? '');
  if (!title) throw new FieldError('missing title');
  const abstract = optional(paper, 'summary', isString, 'a string') ?? (entry && optional(entry, 'summary', isString, 'a string')) ?? '';

  const authors = (optional(paper, 'authors', isArray, 'an array') ?? []).map((author, i) => {
    const name = isRecord(author) ? author.name : author;
    if (typeof name !== 'string') throw new FieldError(`authors[${i}] has no name`);
    // `hidden` hides the link to the author's account, not the authorship.
    return cleanText(name);
  });
  // authorCount is not in the API: the bundled sample carries it where only a count is known.
  const authorCount = optional(paper, 'authorCount', isCount, 'a count') ?? (authors.length > 0 ? authors.length : null);

  const keywords = (optional(paper, 'ai_keywords', isArray, 'an array') ?? []).map((k, i) => {
    if (typeof k !== 'string') throw new FieldError(`ai_keywords[${i}] is not a string`);
    return cleanText(k);
  });
  const withdrawn = optional(paper, 'withdrawnAt', isString, 'a string');
  if (withdrawn !== undefined && Number.isNaN(Date.parse(withdrawn))) throw new FieldError(`withdrawnAt is not a date: "${withdrawn}"`);

  const links = arxivLinks(arxivId, paperPageBase);
  const code = optional(paper, 'githubRepo', isString, 'a string');
  const projectPage = optional(paper, 'projectPage', isString, 'a string');
  if (code) links.code = code.trim();
  if (projectPage) links.projectPage = projectPage.trim();

  const aiSummary = optional(paper, 'ai_summary', isString, 'a string');
  return {
    arxivId,
    title,
    abstract: cleanText(abstract),
    aiSummary: aiSummary ? cleanText(aiSummary) : null,
    authors: authors.filter((a) => a !== ''),
    authorCount,
    organization: organizationName(paper.organization) ?? organizationName(entry?.organization),
    arxivDate: day(paper, 'publishedAt'),
    // The entry's publishedAt is when it was featured; a bare paper says so in submittedOnDailyAt.
    featuredDate: (entry && day(entry, 'publishedAt')) ?? day(paper, 'submittedOnDailyAt'),
    upvotes: optional(paper, 'upvotes', isCount, 'a count') ?? null,
    links,
    keywords: [...new Set(keywords.filter((k) => k !== ''))],
    withdrawnAt: withdrawn === undefined ? null : new Date(withdrawn).toISOString(),
    source,
    raw: item,
  };
}

function refFor(item: unknown, position: string): string {
  const paper = isRecord(item) && isRecord(item.paper) ? item.paper : item;
  return isRecord(paper) && typeof paper.id === 'string' ? `${position} (${paper.id})` : position;
}

type Item = { ref: string; item: unknown } | { ref: string; unreadable: string };

function parseItems(items: Item[], source: string, paperPageBase: string): ParseResult {
  const papers: NormalizedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  for (const entry of items) {
    if ('unreadable' in entry) {
      skipped.push({ ref: entry.ref, reason: entry.unreadable });
      continue;
    }
    try {
      papers.push(toPaper(entry.item, source, paperPageBase));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      skipped.push({ ref: refFor(entry.item, entry.ref), reason: error.message });
    }
  }
  return { papers, skipped };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Parses a Daily Papers API response: an array of entries (`{ paper, publishedAt, … }`)
 * or of bare paper objects. A malformed entry is skipped with a reason; the rest land.
 */
export function parseDailyPapersEntries(json: unknown, source = 'daily-papers', paperPageBase = 'https://huggingface.co'): ParseResult {
  const items = Array.isArray(json) ? json : [json];
  return parseItems(items.map((item, i) => ({ item, ref: `entry ${i}` })), source, paperPageBase);
}

/** Same as parseDailyPapersEntries, from JSON text or JSONL (one entry per line). */
export function parseDailyPapersText(text: string, source = 'daily-papers', paperPageBase = 'https://huggingface.co'): ParseResult {
  // An empty day is normal, not an error.
  if (text.trim() === '') return { papers: [], skipped: [] };
  const whole = parseJson(text);
  if (whole.ok) return parseDailyPapersEntries(whole.value, source, paperPageBase);
  const items: Item[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    const ref = `line ${i + 1}`;
    items.push(parsed.ok ? { ref, item: parsed.value } : { ref, unreadable: `not valid JSON: ${parsed.message}` });
  });
  return parseItems(items, source, paperPageBase);
}
