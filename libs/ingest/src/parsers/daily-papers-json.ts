import { quote, saneDay, shown } from '../field-rules.js';
import { fitPaper, type PaperDraft } from '../fit-paper.js';
import { arxivLinks, isSyntheticPaperId, normalizeArxivId, type EntryReport, type NormalizedPaper, type ParseResult } from '../normalized-paper.js';

type Json = Record<string, unknown>;

/** An entry that is not a paper at all (no object, no id): skipped with this message. */
class EntryError extends Error {}

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
// The API leaves optional fields out; null is treated the same way.
const present = (value: unknown) => (value === null ? undefined : value);

/** `{ fullname, name }` (the API) or a plain string (older exports); anything else is passed on for fitPaper to refuse. */
function organizationName(value: unknown): unknown {
  if (!isRecord(value)) return present(value);
  return [value.fullname, value.name].find((v) => typeof v === 'string' && v.trim() !== '');
}

function toDraft(item: unknown, source: string, paperPageBase: string): PaperDraft {
  if (!isRecord(item)) throw new EntryError('entry is not an object');
  // A daily_papers entry wraps the paper; /api/papers/{id} returns the paper itself.
  const entry = 'paper' in item ? item : null;
  const paper = entry ? entry.paper : item;
  if (!isRecord(paper)) throw new EntryError('paper is not an object');

  const rawId = present(paper.id);
  if (rawId === undefined) throw new EntryError('missing id');
  const arxivId = normalizeArxivId(rawId) ?? (isSyntheticPaperId(rawId) ? rawId : null);
  if (!arxivId) throw new EntryError(`invalid arXiv id ${quote(rawId)}`);

  // `hidden` hides the link to the author's account, not the authorship.
  const authors = Array.isArray(paper.authors) ? paper.authors.map((author) => (isRecord(author) ? author.name : author)) : paper.authors;
  return {
    arxivId,
    title: present(paper.title) ?? present(entry?.title),
    abstract: present(paper.summary) ?? present(entry?.summary),
    aiSummary: paper.ai_summary,
    authors,
    // authorCount is not in the API: the bundled sample carries it where only a count is known.
    authorCount: paper.authorCount,
    organization: organizationName(paper.organization) ?? organizationName(entry?.organization),
    arxivDate: paper.publishedAt,
    // The entry's publishedAt is when it was featured; a bare paper says so in submittedOnDailyAt.
    featuredDate: present(entry?.publishedAt) ?? paper.submittedOnDailyAt,
    upvotes: paper.upvotes,
    links: { ...arxivLinks(arxivId, paperPageBase), code: paper.githubRepo, projectPage: paper.projectPage },
    keywords: paper.ai_keywords,
    withdrawnAt: paper.withdrawnAt,
    source,
    raw: item,
  };
}

/** The day an entry says it was featured on, when it is readable: where a file source reports a broken entry. */
function featuredDayOf(item: unknown): string | null {
  if (!isRecord(item)) return null;
  const entry = 'paper' in item ? item : null;
  const paper = entry && isRecord(entry.paper) ? entry.paper : item;
  return saneDay(present(entry?.publishedAt) ?? paper.submittedOnDailyAt);
}

function refFor(item: unknown, position: string): string {
  const paper = isRecord(item) && isRecord(item.paper) ? item.paper : item;
  return isRecord(paper) && typeof paper.id === 'string' ? `${position} (${shown(paper.id, 40)})` : position;
}

type Item = { ref: string; item: unknown } | { ref: string; unreadable: string };

const report = (ref: string, reason: string, day: string | null): EntryReport => (day ? { ref, reason, day } : { ref, reason });

function parseItems(items: Item[], source: string, paperPageBase: string): ParseResult {
  const papers: NormalizedPaper[] = [];
  const skipped: EntryReport[] = [];
  const corrected: EntryReport[] = [];
  const now = Date.now();
  for (const entry of items) {
    if ('unreadable' in entry) {
      skipped.push({ ref: entry.ref, reason: entry.unreadable });
      continue;
    }
    const ref = refFor(entry.item, entry.ref);
    let draft: PaperDraft;
    try {
      draft = toDraft(entry.item, source, paperPageBase);
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      skipped.push(report(ref, error.message, featuredDayOf(entry.item)));
      continue;
    }
    const fitted = fitPaper(draft, now);
    if ('skip' in fitted) {
      skipped.push(report(ref, fitted.skip, featuredDayOf(entry.item)));
    } else {
      papers.push(fitted.paper);
      for (const reason of fitted.corrections) corrected.push(report(ref, reason, fitted.paper.featuredDate));
    }
  }
  return { papers, skipped, corrected };
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
  if (text.trim() === '') return { papers: [], skipped: [], corrected: [] };
  const whole = parseJson(text);
  if (whole.ok) return parseDailyPapersEntries(whole.value, source, paperPageBase);
  const items: Item[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    const ref = `line ${i + 1}`;
    items.push(parsed.ok ? { ref, item: parsed.value } : { ref, unreadable: `not valid JSON: ${shown(parsed.message, 120)}` });
  });
  return parseItems(items, source, paperPageBase);
}
