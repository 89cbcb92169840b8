import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { syntheticPaperId } from '../normalized-paper.js';
import { parseListingPage, type ListingPaper } from './listing-page.js';

// Copies of the saved pages live in the repository, so the suite runs from any clone.
const fixturesDir = path.resolve(import.meta.dirname, '../../fixtures/daily-papers-pages');

// The pages omit the year for dates in the year they were saved; these are those years.
const pages = { 'page-a.txt': 2026, 'page-b.txt': 2025, 'page-c.txt': 2026 } as const;
const parse = (file: keyof typeof pages) => parseListingPage(readFileSync(path.join(fixturesDir, file), 'utf8'), { year: pages[file] });
const byTitle = (papers: ListingPaper[], title: string) => papers.find((p) => p.title === title);

describe('parseListingPage on the saved pages', () => {
  it.each([
    ['page-a.txt', 14, 14, '2026-01-08'],
    ['page-b.txt', 56, 62, '2025-12-02'],
    ['page-c.txt', 58, 61, '2026-02-25'],
  ] as const)('%s: every card parses, %i of them with a date line', (file, withMeta, total, pageDate) => {
    const page = parse(file);
    expect(page.skipped).toEqual([]);
    expect(page.pageDate).toBe(pageDate);
    expect(page.papers.filter((p) => p.date !== null)).toHaveLength(withMeta);
    expect(page.papers).toHaveLength(total);
    for (const paper of page.papers) {
      expect(paper.title.length).toBeGreaterThan(10);
      expect(paper.abstract.length).toBeGreaterThan(paper.title.length);
      expect(paper.id).toBe(syntheticPaperId(paper.title));
    }
  });

  it('reads title, author count and a dated card without upvotes', () => {
    const [first] = parse('page-a.txt').papers;
    expect(first).toMatchObject({
      title: 'Personalizing Reinforcement Learning from Human Feedback with Variational Preference Learning',
      authorCount: 5,
      organization: null,
      date: '2024-08-19',
      upvotes: 0,
    });
    expect(first.abstract).toMatch(/^Reinforcement Learning from Human Feedback \(RLHF\) is a powerful paradigm/);
  });

  it('reads organisations as their display name, or the bare handle', () => {
    const a = parse('page-a.txt').papers;
    expect(byTitle(a, 'Repurposing Synthetic Data for Fine-grained Search Agent Supervision')).toMatchObject({
      organization: 'TongyiLab',
      organizationHandle: 'AlibabaTongyiLab',
      authorCount: null,
      date: '2025-10-28',
      upvotes: 2,
    });
    const b = parse('page-b.txt').papers;
    expect(byTitle(b, 'Fin-PRM: A Domain-Specialized Process Reward Model for Financial Reasoning in Large Language Models'))
      .toMatchObject({ organization: 'Qwen DianJin', date: '2025-08-20', upvotes: 2 });
    const c = parse('page-c.txt').papers;
    expect(byTitle(c, 'Differentiable Evolutionary Reinforcement Learning')).toMatchObject({
      organization: 'DERL_Group',
      date: '2025-12-15',
      upvotes: 1,
    });
  });

  it('puts dates without a year in the page year and reads the upvotes after them', () => {
    const b = parse('page-b.txt').papers;
    expect(b.find((p) => p.date === '2025-04-28')).toMatchObject({ authorCount: 4, upvotes: 7 });
    // Shown as "May 28 2" here and "May 28, 2025 2" on page a.
    const climb = 'The Climb Carves Wisdom Deeper Than the Summit: On the Noisy Rewards in Learning to Reason';
    expect(byTitle(b, climb)).toMatchObject({ date: '2025-05-28', upvotes: 2 });
    expect(byTitle(parse('page-a.txt').papers, climb)).toMatchObject({ id: byTitle(b, climb)?.id, date: '2025-05-28' });
  });

  it('keeps a card saved without its meta block, with nothing invented for it', () => {
    const b = parse('page-b.txt').papers;
    expect(byTitle(b, 'RewardDance: Reward Scaling in Visual Generation')).toMatchObject({
      authorCount: null,
      organization: null,
      date: null,
      upvotes: null,
    });
  });
});

describe('parseListingPage on broken input', () => {
  const abstract = (topic: string) => `We study ${topic}. `.repeat(30).trim();
  const page = [
    'Daily Papers',
    'Nov 3',
    'Good Paper One',
    abstract('one'),
    '  • 3 authors\n·\nOct 30 4',
    'Bad Date Paper',
    abstract('dates'),
    '  • 2 authors\n·\nOct 45, 2025',
    'Title Without Abstract',
    '  • 1 authors\n·\nOct 29',
    'Good Paper Two',
    abstract('two'),
    'meta-ai Meta AI\n·\nJan 2, 2024',
  ].join('\n\n');

  it('reports the broken papers with a reason and still parses the rest', () => {
    const result = parseListingPage(page, { year: 2025, source: 'test-page' });
    expect(result.pageDate).toBe('2025-11-03');
    expect(result.papers.map((p) => [p.title, p.date, p.upvotes, p.source])).toEqual([
      ['Good Paper One', '2025-10-30', 4, 'test-page'],
      ['Good Paper Two', '2024-01-02', 0, 'test-page'],
    ]);
    expect(result.papers[1].organization).toBe('Meta AI');
    expect(result.skipped).toEqual([
      { ref: expect.stringContaining('Bad Date Paper'), reason: expect.stringContaining('Oct 45, 2025') },
      { ref: expect.stringContaining('Title Without Abstract'), reason: 'title without an abstract' },
    ]);
  });

  it('survives Windows line endings and stray whitespace', () => {
    const result = parseListingPage(page.replace(/\n/g, ' \r\n'), { year: 2025 });
    expect(result.papers.map((p) => p.title)).toEqual(['Good Paper One', 'Good Paper Two']);
    expect(result.skipped).toHaveLength(2);
  });

  it('returns nothing, without failing, for an empty page', () => {
    expect(parseListingPage('', { year: 2025 })).toEqual({ pageDate: null, papers: [], skipped: [], corrected: [] });
  });
});
