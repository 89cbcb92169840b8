#!/usr/bin/env node
// Builds libs/ingest/sample/daily-papers-sample.json from the saved Daily Papers
// listing pages, in the Daily Papers API entry shape. See libs/ingest/sample/README.md.
//
//   npm run build && node scripts/build-sample-data.mjs [pages-dir] [--end YYYY-MM-DD]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const FEATURED_DAYS = 7;

// The site omits the year for dates in the year the page was saved, so the
// parser needs that year. Checked by hand: each page shows dates with a year
// up to the previous year (a: Dec 23, 2025; b: Nov 30, 2024; c: Dec 18, 2025).
const PAGE_YEARS = { 'page-a.txt': 2026, 'page-b.txt': 2025, 'page-c.txt': 2026 };

function parseArgs(argv) {
  const args = { dir: path.resolve(root, 'libs/ingest/fixtures/daily-papers-pages'), end: '2026-11-20' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--end') args.end = argv[++i];
    else if (argv[i].startsWith('--end=')) args.end = argv[i].slice('--end='.length);
    else args.dir = path.resolve(argv[i]);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.end ?? '') || Number.isNaN(Date.parse(args.end))) {
    throw new Error(`--end must be a date YYYY-MM-DD, got "${args.end}"`);
  }
  return args;
}

/** For pages not listed above: the year after the latest year shown on the page. */
function guessYear(text) {
  const years = [...text.matchAll(/^[A-Z][a-z]{2} \d{1,2}, (\d{4})/gm)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) + 1 : new Date().getUTCFullYear();
}

const rank = (paper) => paper.upvotes ?? -1;

/** Keeps the copy with the most upvotes, filling what it lacks from the others. */
function merge(kept, other) {
  const [best, rest] = rank(other) > rank(kept) ? [other, kept] : [kept, other];
  const merged = { ...best };
  for (const key of ['authorCount', 'organization', 'organizationHandle', 'date']) merged[key] ??= rest[key];
  return merged;
}

function addDays(day, offset) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

function toEntry(paper, featuredDay) {
  // Noon UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
  const featuredAt = `${featuredDay}T12:00:00.000Z`;
  const organization = paper.organization ? { name: paper.organizationHandle ?? paper.organization, fullname: paper.organization } : undefined;
  return {
    paper: {
      id: paper.id,
      title: paper.title,
      summary: paper.abstract,
      ...(paper.date ? { publishedAt: `${paper.date}T00:00:00.000Z` } : {}),
      // Listing pages show only a count: names stay empty, authorCount (not in the API) carries it.
      authors: [],
      ...(paper.authorCount !== null ? { authorCount: paper.authorCount } : {}),
      // Missing, not zero, for cards saved without their upvote line.
      ...(paper.upvotes !== null ? { upvotes: paper.upvotes } : {}),
      submittedOnDailyAt: featuredAt,
      ...(organization ? { organization } : {}),
    },
    title: paper.title,
    summary: paper.abstract,
    publishedAt: featuredAt,
    numComments: 0,
    submittedBy: { name: 'paperboy-sample', fullname: 'Paperboy sample data' },
    ...(organization ? { organization } : {}),
  };
}

async function main() {
  const { dir, end } = parseArgs(process.argv.slice(2));
  const compiled = path.join(root, 'dist/libs/ingest/src/index.js');
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
  const { parseListingPage, parseDailyPapersEntries } = await import(pathToFileURL(compiled).href);

  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`no saved pages (*.txt) in ${dir}`);
  const byId = new Map();
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const year = PAGE_YEARS[file] ?? guessYear(text);
    const page = parseListingPage(text, { year, source: file });
    for (const s of page.skipped) console.warn(`${file}: skipped ${s.ref}: ${s.reason}`);
    for (const paper of page.papers) byId.set(paper.id, byId.has(paper.id) ? merge(byId.get(paper.id), paper) : paper);
    console.log(`${file}: ${page.papers.length} papers (year ${year}), ${page.skipped.length} skipped`);
  }

  // Most upvoted first, ties by date then title, so the assignment never depends on file order.
  const papers = [...byId.values()].sort(
    (a, b) => rank(b) - rank(a) || (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title),
  );
  // Round-robin over the days: every day gets a similar mix of popular and quiet papers.
  const entries = papers.map((paper, i) => toEntry(paper, addDays(end, -(i % FEATURED_DAYS))));

  const check = parseDailyPapersEntries(entries, 'sample');
  if (check.skipped.length > 0 || check.papers.length !== entries.length) {
    throw new Error(`the JSON parser rejects the sample: ${JSON.stringify(check.skipped)}`);
  }

  const out = path.join(root, 'libs/ingest/sample/daily-papers-sample.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(entries, null, 2) + '\n');
  console.log(`wrote ${entries.length} unique papers over ${addDays(end, 1 - FEATURED_DAYS)}..${end} to ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
