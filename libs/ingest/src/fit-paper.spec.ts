import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_INTEGER, PAPER_LIMITS, saneDay, saneInstant } from './field-rules.js';
import { fitPaper, type FitResult, type PaperDraft } from './fit-paper.js';
import { normalizeArxivId } from './normalized-paper.js';
import { RAW_LIMITS, storableRaw } from './raw-entry.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const draft = (overrides: Partial<PaperDraft> = {}): PaperDraft => ({ arxivId: '2511.00001', title: 'A title', source: 'test', raw: null, ...overrides });
const fitted = (result: FitResult) => {
  if ('skip' in result) throw new Error(`skipped: ${result.skip}`);
  return result;
};

describe('fitPaper', () => {
  it('keeps a sane paper as it is, with nothing to report', () => {
    const { paper, corrections } = fitted(
      fitPaper(draft({ abstract: 'An abstract.', authors: ['Ada Lovelace'], upvotes: 12, arxivDate: '2026-11-18T10:00:00Z', featuredDate: '2026-11-20', keywords: ['RLHF'], links: { arxiv: 'https://arxiv.org/abs/2511.00001' } }), NOW),
    );
    expect(corrections).toEqual([]);
    expect(paper).toEqual({
      arxivId: '2511.00001',
      title: 'A title',
      abstract: 'An abstract.',
      aiSummary: null,
      authors: ['Ada Lovelace'],
      authorCount: 1,
      organization: null,
      arxivDate: '2026-11-18',
      featuredDate: '2026-11-20',
      upvotes: 12,
      links: { arxiv: 'https://arxiv.org/abs/2511.00001' },
      keywords: ['RLHF'],
      withdrawnAt: null,
      source: 'test',
      raw: null,
    });
  });

  it.each([
    ['upvotes', { upvotes: 2 ** 31 }, { upvotes: null }],
    ['upvotes', { upvotes: -1 }, { upvotes: null }],
    ['upvotes', { upvotes: 1.5 }, { upvotes: null }],
    ['upvotes', { upvotes: '12' }, { upvotes: null }],
    ['upvotes', { upvotes: Number.NaN }, { upvotes: null }],
    ['authorCount', { authorCount: 2 ** 31, authors: ['A', 'B'] }, { authorCount: 2 }],
    ['arxivDate', { arxivDate: '0000-01-01T00:00:00Z' }, { arxivDate: null }],
    ['arxivDate', { arxivDate: '+275760-09-13T00:00:00.000Z' }, { arxivDate: null }],
    ['arxivDate', { arxivDate: '2026-02-30' }, { arxivDate: null }],
    ['arxivDate', { arxivDate: '1989-12-31' }, { arxivDate: null }],
    ['arxivDate', { arxivDate: '2027-01-01' }, { arxivDate: null }],
    ['arxivDate', { arxivDate: '1' }, { arxivDate: null }],
    ['featuredDate', { featuredDate: 20261120 }, { featuredDate: null }],
    ['organization', { organization: 'Institute '.repeat(30) }, { organization: expect.stringMatching(/^Institute .{150,}…$/) }],
    ['organization', { organization: { name: 'x' } }, { organization: null }],
    ['abstract', { abstract: ['not', 'text'] }, { abstract: '' }],
    ['aiSummary', { aiSummary: 'word '.repeat(2000) }, { aiSummary: expect.stringMatching(/…$/) }],
    ['authors', { authors: 'Ada Lovelace' }, { authors: [], authorCount: null }],
    ['keywords', { keywords: [1, 'RLHF', null] }, { keywords: ['RLHF'] }],
    ['links.code', { links: { code: 'javascript:alert(1)' } }, { links: {} }],
    ['links.projectPage', { links: { projectPage: 'https://user:pass@example.org/' } }, { links: {} }],
    ['links.pdf', { links: { pdf: 'data:application/pdf;base64,AAAA' } }, { links: {} }],
  ])('keeps the paper with %s left out or cut, and says why: %j', (field, overrides, expected) => {
    const { paper, corrections } = fitted(fitPaper(draft(overrides as Partial<PaperDraft>), NOW));
    expect(paper).toMatchObject(expected);
    expect(corrections).toEqual([expect.stringContaining(field)]);
  });

  it('bounds every field to its column, whatever the feed sent', () => {
    const huge = 'x'.repeat(1_000_000);
    const { paper } = fitted(
      fitPaper(
        draft({
          title: huge,
          abstract: huge,
          aiSummary: huge,
          authors: Array.from({ length: 5000 }, (_, i) => `Author ${i} ${huge.slice(0, 500)}`),
          organization: huge,
          keywords: Array.from({ length: 500 }, (_, i) => `keyword ${i} ${huge.slice(0, 500)}`),
          links: { code: `https://example.org/${huge}` },
        }),
        NOW,
      ),
    );
    expect(paper.title.length).toBeLessThanOrEqual(PAPER_LIMITS.title);
    expect(paper.abstract.length).toBeLessThanOrEqual(PAPER_LIMITS.abstract);
    expect(paper.aiSummary!.length).toBeLessThanOrEqual(PAPER_LIMITS.aiSummary);
    expect(paper.authors).toHaveLength(PAPER_LIMITS.authors);
    expect(paper.authorCount).toBe(5000);
    expect(Math.max(...paper.authors.map((a) => a.length))).toBeLessThanOrEqual(PAPER_LIMITS.authorName);
    expect(paper.organization!.length).toBeLessThanOrEqual(PAPER_LIMITS.organization);
    expect(paper.keywords).toHaveLength(PAPER_LIMITS.keywords);
    expect(Math.max(...paper.keywords.map((k) => k.length))).toBeLessThanOrEqual(PAPER_LIMITS.keyword);
    expect(paper.links).toEqual({});
  });

  it('strips NUL and other controls, bidi overrides and zero-width characters from every text', () => {
    const { paper } = fitted(
      fitPaper(draft({ title: 'Null\u0000 \u202Etitle', abstract: 'a\u0007b', authors: ['Ada\u200B Lovelace', '\u200B'], organization: '\u202EOrg', keywords: ['key\u0000word', '\u200B'] }), NOW),
    );
    expect(paper).toMatchObject({ title: 'Null title', abstract: 'ab', authors: ['Ada Lovelace'], organization: 'Org', keywords: ['keyword'] });
  });

  it.each([
    [{ arxivId: 'averyveryveryverylongarchivename-th/9901001' }, /invalid arXiv id/],
    [{ title: '' }, /missing title/],
    [{ title: '\u200B\u0000 ' }, /missing title/],
    [{ title: 42 }, /title is 42, not text/],
    [{ withdrawnAt: '0000-01-01T00:00:00Z' }, /withdrawnAt/],
    [{ withdrawnAt: 'soon' }, /withdrawnAt/],
  ])('skips a paper without a usable id or title, or with an unreadable withdrawal: %j', (overrides, reason) => {
    const result = fitPaper(draft(overrides as Partial<PaperDraft>), NOW);
    expect(result).toEqual({ skip: expect.stringMatching(reason) });
  });

  it('quotes hostile values in its reasons cleaned and short', () => {
    const { corrections } = fitted(fitPaper(draft({ upvotes: `\u0000${'9'.repeat(100_000)}\u202E` }), NOW));
    expect(corrections[0].length).toBeLessThan(200);
    expect(corrections[0]).not.toMatch(/[\u0000\u202E]/);
  });

  it('never produces a value its column would refuse, for any draft', () => {
    const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
    const iso = fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(
        fc.record({ title: anything, upvotes: fc.oneof(anything, fc.integer({ min: -1, max: 2 ** 32 })), authorCount: anything, organization: anything, arxivDate: fc.oneof(anything, iso), featuredDate: fc.oneof(anything, iso), authors: anything, keywords: anything, withdrawnAt: fc.oneof(anything, iso), raw: anything }),
        (fields) => {
          const result = fitPaper(draft(fields), NOW);
          if ('skip' in result) return;
          const p = result.paper;
          for (const count of [p.upvotes, p.authorCount]) expect(count === null || (Number.isInteger(count) && count >= 0 && count <= MAX_INTEGER)).toBe(true);
          for (const day of [p.arxivDate, p.featuredDate]) expect(day === null || (day >= '1990-01-01' && day <= '2026-12-01')).toBe(true);
          expect((p.organization ?? '').length).toBeLessThanOrEqual(PAPER_LIMITS.organization);
          expect(JSON.stringify(p)).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('saneInstant and saneDay', () => {
  it.each([
    ['2024-08-19T17:59:59.000Z', '2024-08-19'],
    ['2025-10-01T23:59:00-02:00', '2025-10-02'],
    ['2024-08-19T17:59:59.123456Z', '2024-08-19'],
    ['2024-08-19', '2024-08-19'],
    ['2024-08-19 10:00:00+0530', '2024-08-19'],
    ['2026-11-30T10:00:00Z', '2026-11-30'],
  ])('reads %s as %s', (value, day) => {
    expect(saneDay(value, NOW)).toBe(day);
  });

  it.each([['0000-01-01'], ['1989-12-31T23:59:59Z'], ['2026-12-02'], ['2026-02-29'], ['2024-08-19T24:00:00Z'], ['March 7, 2020'], ['1'], [''], [20240819], [null], ['2024-08-19T10:00:00Z'.repeat(3)]])(
    'refuses %p',
    (value) => {
      expect(saneInstant(value, NOW)).toBeNull();
    },
  );
});

describe('normalizeArxivId: only ids arXiv could have issued', () => {
  it.each([['2611.00001'], ['0704.0001'], ['1412.6980'], ['1501.00001'], ['math.GT/0309136'], ['astro-ph/9108001']])('accepts %s', (id) => {
    expect(normalizeArxivId(id, NOW)).toBe(id);
  });

  it.each([['2612.00001'], ['9912.12345'], ['0703.0001'], ['1501.0001'], ['1412.00001'], ['hep-th/9001001'], ['hep-th/0704001'], ['madeup-archive/9901001'], [`${'x'.repeat(200)}2511.00001`]])('refuses %s', (id) => {
    expect(normalizeArxivId(id, NOW)).toBeNull();
  });
});

describe('storableRaw', () => {
  it('removes NUL and replaces lone surrogates, in keys and values', () => {
    expect(storableRaw({ 'a\u0000': ['x\u0000y', '\uD800'], n: 1, ok: true })).toEqual({ a: ['xy', '\uFFFD'], n: 1, ok: true });
  });

  it('keeps a "__proto__" key as data', () => {
    const raw = storableRaw(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
    expect(Object.keys(raw)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores a marker instead of an entry nested too deep or too large', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(storableRaw(deep)).toEqual({ notStored: expect.stringContaining(`${RAW_LIMITS.depth} levels`) });
    expect(storableRaw({ text: 'x'.repeat(RAW_LIMITS.chars) })).toEqual({ notStored: expect.stringContaining('characters') });
  });
});
