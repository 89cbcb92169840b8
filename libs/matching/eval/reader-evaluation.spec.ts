import { beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_OF_AI_TOPICS, RELEVANCE_THRESHOLDS } from '../src/index.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { seedCases, trainSemantics, type Semantics } from './reader-evaluation.js';
import { formatReaderFigures, readerFigures, type ReaderFigures } from './reader-report.js';

// Floors are the figures `npm run eval:matching` printed when the features were
// tuned, rounded down to 0.05 (README, "Reader features"); a drop below one is a
// regression in the embedder, the blend, the reader model, the catalog or the
// summary rules. The corpus is the bundled sample plus the synthetic papers.
describe('reader features evaluation', () => {
  let corpus: Corpus;
  let semantics: Semantics;
  let figures: ReaderFigures;

  beforeAll(() => {
    corpus = loadCorpus();
    semantics = trainSemantics(corpus);
    figures = readerFigures(corpus, semantics);
  });

  it('labels every added topic, and its papers exist', () => {
    for (const topic of ALL_OF_AI_TOPICS) expect(corpus.topicLabels.get(topic.slug)!.size).toBeGreaterThanOrEqual(6);
    expect(corpus.papers.filter((p) => p.synthetic)).toHaveLength(125);
    expect(corpus.paraphrases.length).toBeGreaterThanOrEqual(20);
    expect(corpus.ratings).toHaveLength(6);
    expect(seedCases(corpus).length).toBeGreaterThanOrEqual(50);
  });

  it('keeps keyword precision with meaning blended in: mean P@10 at least 0.9', () => {
    expect(figures.keywordsWithMeaning.tuning).toBeGreaterThanOrEqual(0.9);
    expect(figures.keywordsWithMeaning['held-out']).toBeGreaterThanOrEqual(0.9);
  });

  it('finds papers for paraphrased interests that words alone miss', () => {
    const { means } = figures.paraphrases;
    // The cases are paraphrases: their words find (almost) none of the relevant papers.
    expect(means.tuning.literal).toBeLessThanOrEqual(0.05);
    expect(means['held-out'].literal).toBeLessThanOrEqual(0.05);
    expect(means.tuning.blended).toBeGreaterThanOrEqual(0.35);
    expect(means['held-out'].blended).toBeGreaterThanOrEqual(0.35);
  });

  it('finds papers like a seed paper', () => {
    expect(figures.seeds.means.tuning.precisionAt5).toBeGreaterThanOrEqual(0.45);
    expect(figures.seeds.means['held-out'].precisionAt5).toBeGreaterThanOrEqual(0.35);
  });

  it('raises the liked family and lowers the disliked family in every rating case', () => {
    for (const row of figures.ratings) {
      expect({ name: row.name, liked: row.liked.meanRankAfter < row.liked.meanRankBefore }).toEqual({ name: row.name, liked: true });
      expect({ name: row.name, disliked: row.disliked.meanRankAfter > row.disliked.meanRankBefore }).toEqual({ name: row.name, disliked: true });
      expect(row.liked.papers).toBeGreaterThan(0);
    }
  });

  it('keeps the catalog precise over all of AI, per topic and on average', () => {
    const { tuning, 'held-out': heldOut } = figures.catalog;
    expect(tuning.means.added.precisionAt10).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.means.added.precisionAt10).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.means.seeded.precisionAt10).toBeGreaterThanOrEqual(0.85);
    // Every added topic is scored on the held-out split.
    const scored = new Set(heldOut.rows.map((r) => r.name));
    for (const topic of ALL_OF_AI_TOPICS) expect(scored.has(topic.slug)).toBe(true);
  });

  it('sets thresholds that mean what their names say', () => {
    for (const split of ['tuning', 'held-out'] as const) {
      const rows = new Map(figures.thresholds[split].map((r) => [r.level, r]));
      expect(rows.get('strict')!.precision).toBeGreaterThanOrEqual(0.75);
      expect(rows.get('balanced')!.recall).toBeGreaterThanOrEqual(0.85);
      expect(rows.get('balanced')!.kept).toBeLessThanOrEqual(0.55);
      expect(rows.get('broad')!.recall).toBe(1);
    }
    expect(Object.keys(RELEVANCE_THRESHOLDS).sort()).toEqual(['balanced', 'broad', 'strict']);
  });

  it('shows the contribution in most summaries, where the opening rarely does', () => {
    expect(figures.summaries.picked).toBeGreaterThanOrEqual(0.9);
    expect(figures.summaries.opening).toBeLessThanOrEqual(0.3);
  });

  it('prints every section', () => {
    const text = formatReaderFigures(figures, semantics);
    for (const heading of ['Keyword cases', 'Paraphrase cases', 'Seed-paper cases', 'Rating-lift cases', 'Catalog', 'Relevance threshold', 'Summaries']) expect(text).toContain(heading);
    expect(text).toContain('"opinion mining"');
  });
});
