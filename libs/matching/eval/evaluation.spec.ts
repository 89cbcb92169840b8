import { describe, expect, it } from '@jest/globals';
import { SEEDED_TOPICS } from '../src/index.js';
import { evaluateSplit, formatSplit, loadEvalData } from './evaluation.js';

// Floors are the figures reached when the catalog was tuned, rounded down to
// 0.05 (held-out page c: topics 0.902, keywords 0.963, all 0.924; tuning
// pages a+b: 0.936, 0.948, 0.940). A drop below them is a regression in the
// matcher, the analyser or the catalog.
describe('matcher evaluation', () => {
  const data = loadEvalData();

  // The topics added for all of AI are labelled in all-of-ai-labels.json (see reader-evaluation.spec.ts).
  it('has labels for every seeded topic of the catalog and for 12 keywords', () => {
    expect(Object.keys(data.labels.topics).sort()).toEqual(SEEDED_TOPICS.map((t) => t.slug).sort());
    expect(Object.keys(data.labels.keywords)).toHaveLength(12);
    expect(data.labels.papers).toHaveLength(132);
  });

  it('keeps mean precision@10 on the held-out page (c)', () => {
    const heldOut = evaluateSplit(data, 'held-out', ['c']);
    expect(heldOut.papers).toBe(61);
    expect(heldOut.means.all.precisionAt10).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.means.topics.precisionAt10).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.means.keywords.precisionAt10).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps mean precision@10 on the tuning pages (a+b)', () => {
    const tuning = evaluateSplit(data, 'tuning', ['a', 'b']);
    expect(tuning.papers).toBe(75);
    expect(tuning.means.all.precisionAt10).toBeGreaterThanOrEqual(0.9);
    expect(tuning.means.topics.precisionAt10).toBeGreaterThanOrEqual(0.9);
    expect(tuning.means.keywords.precisionAt10).toBeGreaterThanOrEqual(0.9);
  });

  it('prints one row per scored interest and the means', () => {
    const text = formatSplit(evaluateSplit(data, 'held-out', ['c']));
    expect(text).toContain('topic reward-modeling');
    expect(text).toContain('kw GRPO');
    expect(text).toMatch(/mean, all \(\d+\)/);
    expect(text).toContain('not scored: topic code-generation');
  });
});
