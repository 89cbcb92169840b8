import { describe, expect, it } from '@jest/globals';
import { distinctAlternatives, spellingsOf } from './phrase-spellings.js';
import type { QueryNode } from './query.js';

const show = (text: string) => spellingsOf(text).map((steps) => steps.map((s) => (s.gap ? `…${s.gap} ${s.term}` : s.term)).join(' '));

describe('spellingsOf', () => {
  it.each([
    ['GRPO', ['grpo']],
    ['reward models', ['reward model']],
    ['self-play', ['self plai', 'selfplai']],
    ['self-play training', ['self plai train', 'selfplai train']],
    ['chain of thought', ['chain …1 thought']],
    ['LLM-as-a-judge', ['llm …2 judg', 'llmasajudg']],
    // Without its stop-word part "over-optimization" would be any "optimization".
    ['over-optimization', ['overoptim']],
    ['RewardBench', ['reward bench', 'rewardbench']],
    ['the', []],
  ])('%s → %p', (text, expected) => {
    expect(show(text)).toEqual(expected);
  });
});

describe('distinctAlternatives', () => {
  const term = (text: string, boost = 1, field: 'title' | null = null): QueryNode => ({ kind: 'term', text, field, boost });

  it('keeps one of the alternatives that stem alike, with the highest boost', () => {
    expect(distinctAlternatives([term('safe'), term('safety', 2), term('harmful')])).toEqual([term('safety', 2), term('harmful')]);
  });

  it('keeps a field-restricted copy and anything that is not a plain term', () => {
    const group: QueryNode = { kind: 'any', children: [term('x')], boost: 1 };
    expect(distinctAlternatives([term('reward'), term('reward', 3, 'title'), group, group])).toHaveLength(4);
  });
});
