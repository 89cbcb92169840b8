import { describe, expect, it } from '@jest/globals';
import { analyze, analyzeWords, termOf, terms } from './text-analysis.js';

describe('terms', () => {
  it('lower-cases, stems and drops stop words', () => {
    expect(terms('The Reward Models are optimizing policies')).toEqual(['reward', 'model', 'optim', 'polici']);
  });

  it('keeps Unicode letters and digits, and folds accents', () => {
    expect(terms('Naïve Qwen2.5 über GSM8K')).toEqual(['naiv', 'qwen2', '5', 'uber', 'gsm8k']);
  });

  it.each([
    ['RLHF', 'rlhf'],
    ['GRPO', 'grpo'],
    ['DPO', 'dpo'],
    ['PPO', 'ppo'],
    ['RLVR', 'rlvr'],
    ['VLM', 'vlm'],
    ['VLMs', 'vlm'],
    ['LLMs', 'llm'],
    ['PRMs', 'prm'],
    ['AIME', 'aime'],
  ])('leaves the acronym %s whole (%s), in any case', (acronym, term) => {
    expect(terms(acronym)).toEqual([term]);
    expect(terms(acronym.toLowerCase())).toEqual([term]);
  });

  it('stems the word families a matcher must see as one', () => {
    expect(terms('verifiable verifier verification')).toEqual(['verifi', 'verifi', 'verifi']);
    expect(terms('math mathematical mathematics')).toEqual(['math', 'math', 'math']);
    expect(terms('theory theoretical')).toEqual(['theori', 'theori']);
    expect(terms('safe safety')).toEqual(['safe', 'safe']);
  });

  it('keeps generalization apart from generation, and generative apart from both', () => {
    const [general, generation, generative] = terms('generalization generation generative');
    expect(new Set([general, generation, generative]).size).toBe(3);
  });
});

describe('analyze', () => {
  it('splits a hyphenated word into its parts and keeps the joined form', () => {
    expect(analyze('self-play')).toEqual([
      { term: 'self', start: 0, end: 0 },
      { term: 'plai', start: 1, end: 1 },
      { term: 'selfplai', start: 0, end: 1 },
    ]);
    expect(terms('selfplay')).toEqual(['selfplai']);
  });

  it('splits camel-case names the same way, but not plural acronyms', () => {
    expect(terms('RewardBench')).toEqual(['reward', 'bench', 'rewardbench']);
    expect(terms('GRPOLoss')).toEqual(['grpo', 'loss', 'grpoloss']);
    expect(terms('MLLMs')).toEqual(['mllm']);
  });

  it('counts stop words as positions, so phrases keep their shape', () => {
    expect(analyze('chain of thought').map((t) => [t.term, t.start])).toEqual([
      ['chain', 0],
      ['thought', 2],
    ]);
  });

  it('does not join number ranges', () => {
    expect(terms('2023-2024')).toEqual(['2023', '2024']);
    expect(terms('GPT-4')).toEqual(['gpt', '4', 'gpt4']);
  });

  it('returns nothing for text without words', () => {
    expect(analyze('  — … ')).toEqual([]);
  });
});

describe('analyzeWords and termOf', () => {
  it('marks stop-word parts as null', () => {
    expect(analyzeWords('LLM-as-a-judge')).toEqual([{ start: 0, parts: ['llm', null, null, 'judg'], joined: 'llmasajudg' }]);
  });

  it('maps stop words to null', () => {
    expect(termOf('the')).toBeNull();
    expect(termOf('rewards')).toBe('reward');
  });
});
