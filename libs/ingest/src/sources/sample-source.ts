import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDailyPapersEntries, type NormalizedPaper } from '../parsing.js';
import type { PaperSource, SourceBatch } from './paper-source.js';

/** Finds the repository root from this file, whether it runs from src/ (tests) or dist/. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, 'libs', 'ingest', 'sample'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find libs/ingest/sample above ' + fileURLToPath(import.meta.url));
}

export const SAMPLE_DATA_FILE = () => path.join(repoRoot(), 'libs', 'ingest', 'sample', 'daily-papers-sample.json');

const DAY_MS = 86_400_000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The bundled sample data set (built from saved Daily Papers pages by
 * scripts/build-sample-data.mjs): what `npm start` shows without internet.
 * Its featured days are moved so the newest one is today: a demo started
 * next month still has "today's papers" and a non-empty first digest.
 */
export class SampleSource implements PaperSource {
  readonly name = 'sample';
  private cache: { fetched: number; papers: NormalizedPaper[]; skipped: SourceBatch['skipped']; corrected: SourceBatch['skipped'] } | null = null;

  constructor(
    private readonly file: string = SAMPLE_DATA_FILE(),
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  private load() {
    if (!this.cache) {
      const json: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      const parsed = parseDailyPapersEntries(json, 'sample');
      const newest = parsed.papers.reduce<string | null>((max, p) => (p.featuredDate && (!max || p.featuredDate > max) ? p.featuredDate : max), null);
      const offset = newest ? Math.round((Date.parse(`${this.today()}T00:00:00Z`) - Date.parse(`${newest}T00:00:00Z`)) / DAY_MS) : 0;
      const papers = parsed.papers.map((p) => (p.featuredDate ? { ...p, featuredDate: shiftDay(p.featuredDate, offset) } : p));
      this.cache = { fetched: Array.isArray(json) ? json.length : 0, papers, skipped: parsed.skipped, corrected: parsed.corrected };
    }
    return this.cache;
  }

  /** The featured days the sample covers, oldest first. */
  days(): string[] {
    return [...new Set(this.load().papers.map((p) => p.featuredDate).filter((d): d is string => d !== null))].sort();
  }

  async fetchDay(day: string): Promise<SourceBatch> {
    const all = this.load();
    const papers = all.papers.filter((p) => p.featuredDate === day);
    const first = day === this.days()[0];
    return { fetched: papers.length, papers, skipped: first ? all.skipped : [], corrected: first ? all.corrected : [] };
  }
}
