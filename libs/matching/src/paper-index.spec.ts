import { describe, expect, it } from '@jest/globals';
import { PaperIndex, type IndexablePaper } from './paper-index.js';
import { parseQuery } from './query.js';

const FILLER =
  'We train large language models with reinforcement learning and report results on standard benchmarks. ' +
  'Experiments across several model sizes show consistent gains over strong baselines.';

function paper(id: string, title: string, abstract: string, keywords?: string[]): IndexablePaper {
  return { id, title, abstract: `${abstract} ${FILLER}`, keywords };
}

// Background papers give the index realistic document frequencies.
const BACKGROUND: IndexablePaper[] = [
  paper('bg-1', 'Scaling laws for instruction tuning', 'We study how instruction data scales.'),
  paper('bg-2', 'Curriculum learning for agents', 'A curriculum of tasks improves long-horizon agents.'),
  paper('bg-3', 'Sparse attention at scale', 'Sparse attention reduces memory use for long contexts.'),
  paper('bg-4', 'Tokenizers for code', 'Subword tokenizers for source code and their effect on accuracy.'),
];

function ids(index: PaperIndex, query: string): string[] {
  return index.search(query).map((m) => m.paperId);
}

describe('PaperIndex scoring', () => {
  it('ranks a paper that merely mentions a term in passing below papers about it', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('about', 'Process reward models for step-level supervision', 'We train a process reward model that scores each reasoning step; the process reward model guides search.'),
      paper('method', 'Step-level credit assignment', 'Our process reward model assigns credit to each step, and a process reward model ensemble improves it.'),
      paper('passing', 'Length penalties for efficient reasoning', 'Unlike approaches that need a process reward model, we only penalise length.'),
    ]);
    const ranked = ids(index, '"process reward model"');
    expect(ranked).toEqual(['about', 'method', 'passing']);

    const [about, , passing] = index.search('"process reward model"');
    expect(passing.relevance).toBeLessThan(0.5);
    expect(about.relevance).toBeGreaterThan(0.6);
    expect(about.relevance).toBeLessThanOrEqual(1);
  });

  it('gives the title far more weight than the abstract', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('title', 'GRPO for long-horizon agents', 'We study agents.'),
      paper('abstract', 'Long-horizon agents', 'We train agents with GRPO.'),
    ]);
    const [first, second] = index.search('GRPO');
    expect(first.paperId).toBe('title');
    expect(first.score).toBeGreaterThan(1.5 * second.score);
  });

  it('saturates: many repetitions in the abstract do not beat one title mention', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('repeats', 'A study of training signals', Array.from({ length: 20 }, () => 'entropy').join(' ')),
      paper('titled', 'Entropy regularization for exploration', 'We regularize entropy.'),
    ]);
    expect(ids(index, 'entropy')).toEqual(['titled', 'repeats']);
  });

  it('matches a phrase only where its words stand together, in order', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('phrase', 'Training a reward model', 'The reward model is trained on preferences.'),
      paper('apart', 'Model-based planning', 'A world model predicts the reward of each plan.'),
    ]);
    expect(ids(index, '"reward model"')).toEqual(['phrase']);
    expect(ids(index, 'reward model')).toEqual(['phrase', 'apart']);
  });

  it('finds hyphenated, spaced and joined spellings alike', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('hyphen', 'Self-play for math', 'Self-play fine-tuning.'),
      paper('spaced', 'Self play for code', 'Self play again.'),
      paper('joined', 'Selfplay for chess', 'Selfplay again.'),
    ]);
    for (const query of ['"self-play"', 'self-play']) expect(new Set(ids(index, query))).toEqual(new Set(['hyphen', 'spaced', 'joined']));
    expect(new Set(ids(index, '"self play"'))).toEqual(new Set(['hyphen', 'spaced']));
    expect(new Set(ids(index, 'selfplay'))).toEqual(new Set(['hyphen', 'joined']));
  });

  it('lets stop words in a query phrase stand for stop words only', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('cot', 'Chain-of-thought distillation', 'We distil chain of thought traces.'),
      paper('other', 'Chain thought', 'A chain thought experiment.'),
    ]);
    expect(ids(index, '"chain-of-thought"')).toEqual(['cot']);
    expect(ids(index, '"chain of thought"')).toEqual(['cot']);
  });

  it('finds words inside camel-case names', () => {
    const index = PaperIndex.build([...BACKGROUND, paper('bench', 'DeceptionBench: deception in agents', 'A benchmark.')]);
    expect(ids(index, 'title:bench')).toEqual(['bench']);
    expect(ids(index, 'deceptionbench')).toEqual(['bench']);
  });

  it('applies implicit AND, OR, NOT, fields and boosts', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('rm-robot', 'Reward models for robots', 'A reward model for robotic manipulation.'),
      paper('rm-text', 'Reward models for chat', 'A reward model for dialogue.'),
      paper('dpo', 'Direct preference optimization', 'DPO without a reward model.'),
    ]);
    expect(ids(index, '"reward model" robotic')).toEqual(['rm-robot']);
    expect(ids(index, '"reward model" NOT robotic')).toEqual(['rm-text', 'dpo']);
    expect(ids(index, 'title:"reward model"')).toEqual(['rm-robot', 'rm-text']);
    expect(ids(index, 'robots OR DPO')).toEqual(expect.arrayContaining(['rm-robot', 'dpo']));
    expect(ids(index, 'robots OR DPO^5')[0]).toBe('dpo');
    expect(ids(index, 'robots^5 OR DPO')[0]).toBe('rm-robot');
  });

  it('adds up matching alternatives, but counts same-stem synonyms once', () => {
    const index = PaperIndex.build([...BACKGROUND, paper('safe', 'Safety for agents', 'Safety and safe exploration; harmful outputs.')]);
    const score = (query: string) => index.search(query)[0].score;
    expect(score('safety OR safe')).toBeCloseTo(score('safety'), 10);
    expect(score('safety OR harmful')).toBeGreaterThan(score('safety'));
  });

  it('explains matches as reasons, strongest first', () => {
    const index = PaperIndex.build([
      ...BACKGROUND,
      paper('p', 'Process reward models', 'A reward model trained with GRPO.'),
      paper('q', 'Something else', 'We mention GRPO once.'),
    ]);
    const [match] = index.search(parseQuery('title:"reward model"^3 OR "reward model" OR GRPO'));
    expect(match.reasons).toEqual(["'reward model' in title and abstract", "'GRPO' in abstract"]);
    expect(index.search('GRPO').find((m) => m.paperId === 'q')?.reasons).toEqual(["'GRPO' in abstract"]);
  });

  it('indexes keywords as their own field, without phrases across keywords', () => {
    const index = PaperIndex.build([...BACKGROUND, paper('k', 'A paper', 'Text.', ['reward', 'model merging'])]);
    expect(index.search('keywords:reward')[0].reasons).toEqual(["'reward' in keywords"]);
    expect(ids(index, '"reward model"')).toEqual([]);
  });

  it('returns nothing when nothing matches, and rejects duplicate ids', () => {
    const index = PaperIndex.build(BACKGROUND);
    expect(index.search('diffusion')).toEqual([]);
    expect(PaperIndex.build([]).search('x')).toEqual([]);
    expect(() => PaperIndex.build([BACKGROUND[0], BACKGROUND[0]])).toThrow('duplicate paper id');
  });

  it('builds an index of 500 papers quickly', () => {
    const papers = Array.from({ length: 500 }, (_, i) =>
      paper(`p${i}`, `Paper ${i} on reward-model training`, `${FILLER} Variant ${i} uses GRPO, PPO and DPO with a process reward model. `.repeat(4)),
    );
    const started = performance.now();
    const index = PaperIndex.build(papers);
    const built = performance.now() - started;
    index.search('"process reward model" OR GRPO');
    // Tens of milliseconds on a laptop; the bound only catches an accidental blow-up.
    expect(built).toBeLessThan(1500);
    expect(index.size).toBe(500);
  });
});
