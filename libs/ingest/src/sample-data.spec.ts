import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isSyntheticPaperId } from './normalized-paper.js';
import { parseDailyPapersEntries } from './parsers/daily-papers-json.js';

// The bundled sample (scripts/build-sample-data.mjs) must stay readable by the JSON parser it is built for.
const file = path.resolve(import.meta.dirname, '../sample/daily-papers-sample.json');

describe('bundled sample data', () => {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const { papers, skipped } = parseDailyPapersEntries(json, 'sample');

  it('parses completely, once per paper', () => {
    expect(skipped).toEqual([]);
    expect(papers.length).toBeGreaterThan(100);
    expect(papers.every((p) => isSyntheticPaperId(p.arxivId))).toBe(true);
    expect(new Set(papers.map((p) => p.arxivId)).size).toBe(papers.length);
  });

  it('spans seven consecutive featured days', () => {
    const days = [...new Set(papers.map((p) => p.featuredDate))].sort();
    expect(days).toHaveLength(7);
    const times = days.map((d) => Date.parse(`${d}T00:00:00Z`));
    expect(times.slice(1).map((t, i) => (t - times[i]) / 86_400_000)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('carries author counts without names, and unknown upvotes as null', () => {
    const counted = papers.filter((p) => p.authorCount !== null);
    expect(counted.length).toBeGreaterThan(papers.length / 2);
    expect(counted.every((p) => p.authors.length === 0)).toBe(true);
    expect(papers.some((p) => p.upvotes === null)).toBe(true);
    expect(papers.some((p) => p.organization === 'NVIDIA')).toBe(true);
  });
});
