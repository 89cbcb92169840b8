import { describe, expect, it } from '@jest/globals';
import {
  BORROWED_TOPIC_WEIGHT,
  keywordExclusions,
  keywordMatches,
  keywordNamesTopic,
  rankingCandidates,
  scoreInterests,
  scoreKeywordWithMeaning,
  searchTopics,
  type TopicQuery,
} from './interest-matching.js';
import { LsaModel } from './lsa.js';
import { VectorTable } from './vectors.js';
import { PaperIndex, type IndexablePaper } from './paper-index.js';
import { parseQuery } from './query.js';
import { rankForSubscriber } from './ranking.js';

const PAPERS: IndexablePaper[] = [
  { id: 'rm', title: 'Reward models for long contexts', abstract: 'We train a reward model that judges long answers.' },
  { id: 'prm', title: 'Process supervision', abstract: 'A process reward model scores each step of GRPO training.' },
  { id: 'robot', title: 'Dexterous manipulation with learned rewards', abstract: 'A robot arm learns manipulation from a reward model.' },
  { id: 'diffusion', title: 'Text-to-image alignment', abstract: 'We align text-to-image diffusion models with preference rewards.' },
  { id: 'flow', title: 'Flow models for video generation', abstract: 'Video generation with flow matching and rewards.' },
];

const TOPICS: TopicQuery[] = [
  { id: 'reward-modeling', name: 'Reward modeling', query: 'title:"reward model"^3 OR "reward model"' },
  { id: 'robotics', name: 'Robotics and control', query: 'robot OR robotic OR manipulation' },
  { id: 'image-video-generation', name: 'Image and video generation', query: '"diffusion" OR "text-to-image" OR "video generation"' },
  { id: 'vision-language', name: 'Vision-language models', description: 'RL for models that see: VLMs, multimodal reasoning.', query: 'VLM OR multimodal' },
];

const topicOf = (id: string) => {
  const topic = TOPICS.find((t) => t.id === id);
  if (!topic) throw new Error(id);
  return { ...topic, query: parseQuery(topic.query) };
};

describe('keywordNamesTopic', () => {
  it.each([
    ['robotics', 'robotics', true],
    ['Reward Modeling', 'reward-modeling', true],
    ['diffusion', 'image-video-generation', true],
    ['multimodal reasoning', 'vision-language', true],
    ['GRPO', 'reward-modeling', false],
    ['reward', 'robotics', false],
    ['the', 'robotics', false],
  ])('%s → %s: %s', (keyword, topic, expected) => {
    expect(keywordNamesTopic(keyword, topicOf(topic))).toBe(expected);
  });
});

describe('keywordMatches', () => {
  it("ranks the keyword's own matches first, then papers of the topic it names", () => {
    const index = PaperIndex.build(PAPERS);
    const topic = topicOf('image-video-generation');
    const matches = keywordMatches(index, 'diffusion', [{ ...topic, matches: index.search(topic.query) }]);
    expect(matches.map((m) => m.paperId)).toEqual(['diffusion', 'flow']);
    expect(matches[1].relevance).toBeLessThanOrEqual(BORROWED_TOPIC_WEIGHT);
    expect(matches[1].reasons).toEqual(["'video generation' in title and abstract (topic Image and video generation)"]);
  });
});

describe('scoreInterests', () => {
  it('searches each topic once and each distinct keyword once, whoever asked for it', () => {
    const index = PaperIndex.build(PAPERS);
    const search = index.search.bind(index);
    let searches = 0;
    index.search = (query) => {
      searches++;
      return search(query);
    };
    const scores = scoreInterests(index, TOPICS, ['GRPO', 'grpo', '  GRPO ', 'process reward model']);
    expect(searches).toBe(TOPICS.length + 2);
    expect([...scores.keywords.keys()]).toEqual(['grpo', 'process reward model']);
    expect([...(scores.keywords.get('grpo')?.keys() ?? [])]).toEqual(['prm']);
  });

  it('reports topics whose query does not parse, and ignores keywords with nothing to search', () => {
    const index = PaperIndex.build(PAPERS);
    const scores = scoreInterests(index, [...TOPICS, { id: 'broken', name: 'Broken', query: '"unclosed' }], ['the']);
    expect(scores.errors).toEqual([{ topicId: 'broken', message: expect.stringContaining('unbalanced quote') }]);
    expect(scores.topics.has('broken')).toBe(false);
    expect(scores.keywords.get('the')?.size).toBe(0);
  });

  it('feeds rankForSubscriber with reasons a reader understands', () => {
    const index = PaperIndex.build(PAPERS);
    const scores = scoreInterests(index, TOPICS, ['GRPO']);
    const candidates = rankingCandidates(
      PAPERS.map((p) => ({ id: p.id, upvotes: 1, featuredDate: '2026-11-20' })),
      scores,
    );
    const ranked = rankForSubscriber({
      candidates,
      topicIds: ['reward-modeling'],
      keywords: ['GRPO'],
      topicNames: new Map(TOPICS.map((t) => [t.id, t.name])),
      now: new Date('2026-11-20T12:00:00Z'),
      alreadySent: new Set(),
      minUpvotes: 0,
      maxPapers: 10,
    });
    expect(ranked[0]).toMatchObject({ paperId: 'rm', reasons: ["'reward model' in title and abstract; topic Reward modeling"] });
    expect(ranked.map((r) => r.paperId)).toEqual(['rm', 'prm', 'robot']);
    expect(ranked[1].reasons).toContain(`'GRPO' in abstract; keyword "GRPO"`);
  });
});

describe('keywordExclusions', () => {
  it('matches an excluded keyword by its own words only, not by the topics it names', () => {
    const index = PaperIndex.build(PAPERS);
    const exclusions = keywordExclusions(index, ['Diffusion', 'reward model', 'diffusion ', 'C++', 'the']);
    // "diffusion" names the image and video generation topic, which also finds the flow-matching paper; only the paper that says it is excluded.
    const { searched } = searchTopics(index, TOPICS);
    expect(keywordMatches(index, 'diffusion', searched).map((m) => m.paperId)).toEqual(['diffusion', 'flow']);
    expect(exclusions.get('diffusion')).toEqual(new Set(['diffusion']));
    // Same rules as a keyword: the exact phrase, or all its words anywhere ("preference rewards" … "diffusion models").
    expect(exclusions.get('reward model')).toEqual(new Set(['rm', 'prm', 'robot', 'diffusion', 'flow']));
    expect(exclusions.get('the')).toEqual(new Set());
    expect([...exclusions.keys()]).toEqual(['diffusion', 'reward model', 'c++', 'the']);
  });
});

describe('scoreKeywordWithMeaning', () => {
  it('adds papers close in meaning to the keyword, after and apart from those using its words', () => {
    const papers: IndexablePaper[] = [
      ...PAPERS,
      { id: 'sentiment', title: 'Sentiment polarity of reviews', abstract: 'Sentiment and opinions in product reviews.' },
      { id: 'aspects', title: 'Aspect polarity in restaurant reviews', abstract: 'The sentiment of each aspect in reviews.' },
      { id: 'opinion', title: 'Opinion summaries of product reviews', abstract: 'Summaries of opinions and sentiment in reviews.' },
    ];
    const index = PaperIndex.build(papers);
    const model = LsaModel.train(papers, { dimensions: 3 });
    const table = new VectorTable(
      papers.map((p) => p.id),
      papers.map((p) => model.embedPaper(p)),
    );
    const { searched } = searchTopics(index, TOPICS);
    const scores = scoreKeywordWithMeaning(index, 'opinion', searched, { vector: model.embedText('opinion'), papers: table });
    // The paper that says "opinion" keeps its literal relevance; "aspects" never says it but is close in meaning.
    expect(scores.get('opinion')!.reasons[0]).toMatch(/'opinion' in/);
    expect(scores.get('aspects')!.reasons).toEqual(["close in meaning to 'opinion'"]);
    expect(scores.get('opinion')!.score).toBeGreaterThan(scores.get('aspects')!.score);
    expect(scores.has('robot')).toBe(false);
  });
});
