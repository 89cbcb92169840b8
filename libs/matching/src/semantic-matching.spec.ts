import { describe, expect, it } from '@jest/globals';
import { blendRelevance, closeInMeaning, likeSeed, seedMatches, semanticMatches } from './semantic-matching.js';
import { unitLength, VectorTable } from './vectors.js';

// Papers at known cosines from the interest (1, 0): cos = x.
const at = (cos: number) => unitLength(Float32Array.from([cos, Math.sqrt(Math.max(0, 1 - cos * cos))]));
const table = new VectorTable(['p90', 'p70', 'p50', 'p30', 'p10'], [at(0.9), at(0.7), at(0.5), at(0.3), at(0.1)]);
const interest = Float32Array.from([1, 0]);

describe('semanticMatches', () => {
  it('scales relevance linearly from the floor to the ceiling, capped at the weight', () => {
    const found = semanticMatches(interest, 'why', table, { floor: 0.4, ceiling: 0.8, weight: 0.5, limit: 10 });
    expect([...found.keys()]).toEqual(['p90', 'p70', 'p50']);
    expect(found.get('p90')!.score).toBeCloseTo(0.5);
    expect(found.get('p70')!.score).toBeCloseTo(0.375);
    expect(found.get('p50')!.score).toBeCloseTo(0.125);
    expect(found.get('p50')!.reasons).toEqual(['why']);
  });

  it('keeps only the closest `limit` papers and never the excluded one', () => {
    const found = semanticMatches(interest, 'why', table, { floor: 0, ceiling: 1, weight: 1, limit: 2 }, 'p90');
    expect([...found.keys()]).toEqual(['p70', 'p50']);
  });
});

describe('blendRelevance', () => {
  it('keeps literal matches exactly and adds papers found by meaning alone', () => {
    const literal = new Map([['a', { score: 0.3, reasons: ["'GRPO' in abstract"] }]]);
    const meaning = new Map([
      ['a', { score: 0.45, reasons: [closeInMeaning('GRPO')] }],
      ['b', { score: 0.2, reasons: [closeInMeaning('GRPO')] }],
    ]);
    const blended = blendRelevance(literal, meaning);
    expect(blended.get('a')).toEqual(literal.get('a'));
    expect(blended.get('b')).toEqual({ score: 0.2, reasons: ["close in meaning to 'GRPO'"] });
  });
});

describe('seedMatches', () => {
  it('finds papers close to the seed, never the seed, naming it as the reason', () => {
    const seed = { id: 'p90', title: 'Deep   RL from human preferences', vector: at(0.9) };
    // Cosines with the seed: p70 0.94, p50 0.83, p30 0.69, p10 0.52.
    const found = seedMatches(seed, table, { floor: 0.8, ceiling: 1, weight: 0.8, limit: 5 });
    expect(found.has('p90')).toBe(false);
    expect([...found.keys()]).toEqual(['p70', 'p50']);
    expect(found.get('p70')!.reasons).toEqual(["like 'Deep RL from human preferences' you liked"]);
  });

  it('shortens a long seed title in the reason', () => {
    const reason = likeSeed('x'.repeat(200));
    expect(reason.length).toBeLessThan(100);
    expect(reason).toContain('…');
  });
});
