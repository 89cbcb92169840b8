import { describe, expect, it } from '@jest/globals';
import { formatAuthors, formatEditionDate, formatPaperCount, formatShortDate, formatSummary, SUMMARY_MAX_CHARS } from './digest-format.js';

describe('formatAuthors', () => {
  it('shows the first three authors then "et al.", or a count when only that is known', () => {
    expect(formatAuthors(['A', 'B', 'C', 'D'], 4)).toBe('A, B, C et al.');
    expect(formatAuthors(['A', 'B', 'C'], 3)).toBe('A, B, C');
    expect(formatAuthors(['A', 'B'], 2)).toBe('A, B');
    expect(formatAuthors(['A', 'B'], 9)).toBe('A, B et al.');
    expect(formatAuthors([], 7)).toBe('7 authors');
    expect(formatAuthors([], 1)).toBe('1 author');
    expect(formatAuthors([], null)).toBeUndefined();
    expect(formatAuthors([], Number.NaN)).toBeUndefined();
  });

  it('cleans the names and skips the ones nothing is left of', () => {
    expect(formatAuthors(['Ada\u202E Lovelace', '\u200B', ' Alan  Turing '], null)).toBe('Ada Lovelace, Alan Turing');
  });
});

describe('dates', () => {
  it('writes the edition date in full and paper dates short, without Intl', () => {
    expect(formatEditionDate('2026-11-20')).toBe('Friday, 20 November 2026');
    expect(formatEditionDate('2024-02-29')).toBe('Thursday, 29 February 2024');
    expect(formatShortDate('2026-11-18')).toBe('18 Nov 2026');
  });

  it('shows a date that is not a real day as the (cleaned) text it is', () => {
    expect(formatEditionDate('2026-02-31')).toBe('2026-02-31');
    expect(formatShortDate('soon\u0000')).toBe('soon');
  });
});

describe('formatPaperCount', () => {
  it('says how many papers, or that none matched', () => {
    expect(formatPaperCount(0)).toBe('No new papers matched your interests today');
    expect(formatPaperCount(1)).toBe('1 trending paper matching your interests');
    expect(formatPaperCount(20)).toBe('20 trending papers matching your interests');
  });
});

describe('formatSummary', () => {
  it('truncates at a word boundary near 280 characters with an ellipsis', () => {
    expect(formatSummary('short summary')).toBe('short summary');
    const long = 'alpha beta gamma delta '.repeat(30).trim();
    const cut = formatSummary(long);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS + 1);
    expect(cut.length).toBeGreaterThan(200);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(long.charAt(cut.length - 1)).toBe(' ');
    expect(formatSummary('x'.repeat(1000)).length).toBe(SUMMARY_MAX_CHARS + 1);
  });

  it('cleans before cutting, so invisible characters do not count', () => {
    expect(formatSummary(`${'\u200B'.repeat(500)}visible`)).toBe('visible');
  });
});
