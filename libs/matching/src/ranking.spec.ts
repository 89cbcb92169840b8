import { describe, expect, it } from '@jest/globals';
import { PaperIndex, type IndexablePaper } from './paper-index.js';
import { readerPreference } from './reader-model.js';
import {
  combineRelevance,
  DEFAULT_RANKING_WEIGHTS,
  RELEVANCE_THRESHOLDS,
  relevanceFloor,
  DEFAULT_TRENDING_OPTIONS,
  popularity,
  rankForSubscriber,
  recency,
  type RankingCandidate,
  type RankingInput,
} from './ranking.js';
import { cosineSimilarity, tfIdfSimilarity, tfIdfVector } from './similarity.js';

const NOW = new Date('2026-11-20T18:00:00Z');

function candidate(paperId: string, over: Partial<RankingCandidate> & { topic?: number; keyword?: number } = {}): RankingCandidate {
  const { topic, keyword, ...rest } = over;
  return {
    paperId,
    upvotes: 0,
    featuredDate: '2026-11-20',
    withdrawn: false,
    topics: new Map(topic === undefined ? [] : [['reward-modeling', { score: topic, reasons: [`'reward model' in title`] }]]),
    keywords: new Map(keyword === undefined ? [] : [['grpo', { score: keyword, reasons: [`'GRPO' in abstract`] }]]),
    ...rest,
  };
}

function input(candidates: RankingCandidate[], over: Partial<RankingInput> = {}): RankingInput {
  return {
    candidates,
    topicIds: ['reward-modeling'],
    keywords: ['GRPO'],
    topicNames: new Map([['reward-modeling', 'Reward modeling']]),
    now: NOW,
    alreadySent: new Set(),
    minUpvotes: 0,
    maxPapers: 10,
    ...over,
  };
}

const order = (ranked: Array<{ paperId: string }>) => ranked.map((r) => r.paperId);

describe('rankForSubscriber', () => {
  it('blends relevance, trending and feedback with the default weights', () => {
    const [ranked] = rankForSubscriber(input([candidate('a', { topic: 0.5, upvotes: 100 })]));
    expect(ranked.relevance).toBeCloseTo(0.5);
    expect(ranked.trending).toBeCloseTo(recency('2026-11-20', NOW, DEFAULT_TRENDING_OPTIONS.halfLifeDays));
    expect(ranked.feedback).toBe(0);
    expect(ranked.score).toBeCloseTo(DEFAULT_RANKING_WEIGHTS.relevance * 0.5 + DEFAULT_RANKING_WEIGHTS.trending * ranked.trending);
  });

  it('follows the weights it is given', () => {
    const papers = [candidate('relevant', { topic: 0.9, upvotes: 0 }), candidate('popular', { topic: 0.2, upvotes: 80 })];
    expect(order(rankForSubscriber(input(papers, { weights: { relevance: 1, trending: 0 } })))).toEqual(['relevant', 'popular']);
    expect(order(rankForSubscriber(input(papers, { weights: { relevance: 0, trending: 1 } })))).toEqual(['popular', 'relevant']);
  });

  it('prefers fresh papers, halving trending every half-life', () => {
    const papers = [candidate('old', { topic: 0.5, featuredDate: '2026-11-14' }), candidate('new', { topic: 0.5, featuredDate: '2026-11-20' })];
    const ranked = rankForSubscriber(input(papers, { trending: { halfLifeDays: 3 } }));
    expect(order(ranked)).toEqual(['new', 'old']);
    expect(ranked[1].trending / ranked[0].trending).toBeCloseTo(0.25, 5);
  });

  it('leaves out what was sent, withdrawn, under the upvote floor or irrelevant', () => {
    const papers = [
      candidate('sent', { topic: 0.9 }),
      candidate('withdrawn', { topic: 0.9, withdrawn: true }),
      candidate('few-upvotes', { topic: 0.9, upvotes: 2 }),
      candidate('unknown-upvotes', { topic: 0.9, upvotes: null }),
      candidate('other-topic', { topics: new Map([['robotics', { score: 0.9, reasons: [] }]]) }),
      candidate('no-match'),
      candidate('kept', { topic: 0.9, upvotes: 3 }),
    ];
    expect(order(rankForSubscriber(input(papers, { alreadySent: new Set(['sent']), minUpvotes: 3 })))).toEqual(['kept']);
    // Unknown upvotes count as 0 for the floor only: with no floor they are kept.
    expect(order(rankForSubscriber(input(papers, { alreadySent: new Set(['sent']) })))).toContain('unknown-upvotes');
  });

  it('drops weak matches below minRelevance', () => {
    const papers = [candidate('weak', { topic: 0.1 }), candidate('strong', { topic: 0.7 })];
    expect(order(rankForSubscriber(input(papers, { minRelevance: 0.2 })))).toEqual(['strong']);
  });

  it('caps the list at maxPapers, best first', () => {
    const papers = Array.from({ length: 8 }, (_, i) => candidate(`p${i}`, { topic: i / 10 }));
    expect(order(rankForSubscriber(input(papers, { maxPapers: 3 })))).toEqual(['p7', 'p6', 'p5']);
    expect(rankForSubscriber(input(papers, { maxPapers: 0 }))).toEqual([]);
  });

  it('combines topics and keywords (keywords in any case) as a noisy OR, with reasons', () => {
    const [both] = rankForSubscriber(input([candidate('both', { topic: 0.5, keyword: 0.6 })], { keywords: ['grpo'] }));
    expect(both.relevance).toBeCloseTo(1 - 0.5 * 0.4);
    expect(both.reasons).toEqual([`'GRPO' in abstract; keyword "grpo"`, `'reward model' in title; topic Reward modeling`]);
  });

  it('raises papers like liked ones and lowers papers like disliked ones', () => {
    const papers = [candidate('like-ish', { topic: 0.5 }), candidate('dislike-ish', { topic: 0.5 }), candidate('neutral', { topic: 0.5 })];
    const similarity = (a: string, b: string) => (a === 'like-ish' && b === 'liked') || (a === 'dislike-ish' && b === 'disliked') ? 0.8 : 0;
    const ranked = rankForSubscriber(input(papers, { feedback: { liked: ['liked'], disliked: ['disliked'], similarity } }));
    expect(order(ranked)).toEqual(['like-ish', 'neutral', 'dislike-ish']);
    expect(ranked[0].feedback).toBeCloseTo(0.8);
    expect(ranked[2].feedback).toBeCloseTo(-0.8);
    expect(ranked[0].reasons).toContain('similar to a paper you liked');
    expect(ranked[2].reasons).toContain('similar to a paper you disliked');
  });

  it('uses TF-IDF cosine similarity of the papers as feedback', () => {
    const texts: IndexablePaper[] = [
      { id: 'liked', title: 'Diffusion models aligned with human preference rewards', abstract: 'We fine-tune text-to-image diffusion models with reward feedback.' },
      { id: 'disliked', title: 'Theorem proving with verifiable rewards', abstract: 'Lean proofs checked by a verifier give rewards for math.' },
      { id: 'image', title: 'Reward fine-tuning for text-to-image diffusion', abstract: 'Diffusion models trained against preference rewards for images.' },
      { id: 'math', title: 'Verifiable rewards for theorem proving in Lean', abstract: 'A verifier checks Lean proofs and rewards correct math.' },
    ];
    const index = PaperIndex.build(texts);
    const similarity = tfIdfSimilarity(index, texts);
    expect(similarity('image', 'liked')).toBeGreaterThan(similarity('image', 'disliked'));

    const papers = [candidate('image', { topic: 0.5 }), candidate('math', { topic: 0.5 })];
    const feedback = { liked: ['liked'], disliked: ['disliked'], similarity };
    expect(order(rankForSubscriber(input(papers, { feedback })))).toEqual(['image', 'math']);
    expect(order(rankForSubscriber(input(papers, { feedback: { ...feedback, liked: ['disliked'], disliked: ['liked'] } })))).toEqual(['math', 'image']);
  });
});

describe('rankForSubscriber: reader features', () => {
  it('never sends a paper matching an excluded keyword, whatever its relevance', () => {
    const papers = [
      candidate('survey', { topic: 0.95, exclusions: new Set(['survey', 'diffusion']) }),
      candidate('diffusion', { topic: 0.9, exclusions: new Set(['diffusion']) }),
      candidate('kept', { topic: 0.3, exclusions: new Set() }),
    ];
    // Excluded keywords are matched by keywordKey: case and spacing do not matter.
    expect(order(rankForSubscriber(input(papers, { excludeKeywords: ['  Survey '] })))).toEqual(['diffusion', 'kept']);
    expect(order(rankForSubscriber(input(papers, { excludeKeywords: ['DIFFUSION'] })))).toEqual(['kept']);
    expect(order(rankForSubscriber(input(papers, { excludeKeywords: [] })))).toEqual(['survey', 'diffusion', 'kept']);
  });

  it('sends only clear matches when strict, drops passing mentions when balanced, keeps every match when broad', () => {
    const papers = [candidate('clear', { topic: 0.8 }), candidate('fair', { topic: 0.4 }), candidate('passing', { topic: 0.1 })];
    expect(order(rankForSubscriber(input(papers, { relevance: 'strict' })))).toEqual(['clear']);
    expect(order(rankForSubscriber(input(papers, { relevance: 'balanced' })))).toEqual(['clear', 'fair']);
    expect(order(rankForSubscriber(input(papers, { relevance: 'broad' })))).toEqual(['clear', 'fair', 'passing']);
    // Strict may leave a digest empty: then no email is sent, as for a reader with no match.
    expect(rankForSubscriber(input([candidate('fair', { topic: 0.4 })], { relevance: 'strict' }))).toEqual([]);
  });

  it('applies the higher of the level and an explicit minimum', () => {
    expect(relevanceFloor({})).toBe(0);
    expect(relevanceFloor({ relevance: 'balanced' })).toBe(RELEVANCE_THRESHOLDS.balanced);
    expect(relevanceFloor({ relevance: 'balanced', minRelevance: 0.7 })).toBe(0.7);
    expect(RELEVANCE_THRESHOLDS.strict).toBeGreaterThan(RELEVANCE_THRESHOLDS.balanced);
    expect(RELEVANCE_THRESHOLDS.broad).toBe(0);
  });

  it('treats seed papers as interests, naming the seed in the reason', () => {
    const seedRelevance = { score: 0.7, reasons: ["like 'Deep RL from human preferences' you liked"] };
    const papers = [candidate('close', { seeds: new Map([['2601.00001', seedRelevance]]) }), candidate('topic', { topic: 0.5 })];
    const ranked = rankForSubscriber(input(papers, { seedPapers: ['2601.00001'] }));
    expect(order(ranked)).toEqual(['close', 'topic']);
    expect(ranked[0].reasons).toEqual(["like 'Deep RL from human preferences' you liked"]);
    // Without the seed among the reader's seed papers, the paper is no match.
    expect(order(rankForSubscriber(input(papers)))).toEqual(['topic']);
  });

  it('uses the reader model as the feedback component, and says so when it raises a paper', () => {
    const model = { weights: Float32Array.from([4, -4]), bias: 0 };
    const papers = [
      candidate('liked-kind', { topic: 0.5, vector: Float32Array.from([1, 0]) }),
      candidate('neutral', { topic: 0.5 }),
      candidate('disliked-kind', { topic: 0.5, vector: Float32Array.from([0, 1]) }),
    ];
    const ranked = rankForSubscriber(input(papers, { readerModel: model, feedback: { liked: ['x'], disliked: [], similarity: () => 1 } }));
    expect(order(ranked)).toEqual(['liked-kind', 'neutral', 'disliked-kind']);
    expect(ranked[0].feedback).toBeCloseTo(readerPreference(model, Float32Array.from([1, 0])));
    expect(ranked[0].score).toBeCloseTo(ranked[1].score + DEFAULT_RANKING_WEIGHTS.feedback * ranked[0].feedback);
    expect(ranked[0].reasons).toContain('close to papers you rated up');
    expect(ranked[1].feedback).toBe(0);
    expect(ranked[2].reasons.join()).not.toContain('rated');
  });
});

describe('ranking parts', () => {
  it('scales upvotes logarithmically up to the saturation point', () => {
    expect(popularity(null, 100)).toBe(0);
    expect(popularity(0, 100)).toBe(0);
    expect(popularity(9, 100)).toBeCloseTo(Math.log(10) / Math.log(101));
    expect(popularity(1000, 100)).toBe(1);
  });

  it('decays with age and treats unknown dates as stale', () => {
    expect(recency('2026-11-20', new Date('2026-11-20T00:00:00Z'), 3)).toBe(1);
    expect(recency('2026-11-17', new Date('2026-11-20T00:00:00Z'), 3)).toBeCloseTo(0.5);
    expect(recency('2026-11-21', new Date('2026-11-20T00:00:00Z'), 3)).toBe(1);
    expect(recency(null, NOW, 3)).toBe(0);
  });

  it('combines relevance so that more evidence never lowers it', () => {
    expect(combineRelevance([])).toBe(0);
    expect(combineRelevance([0.6])).toBeCloseTo(0.6);
    expect(combineRelevance([0.6, 0.5])).toBeCloseTo(0.8);
    expect(combineRelevance([1, 0.2])).toBe(1);
  });

  it('measures cosine similarity of unit TF-IDF vectors', () => {
    const idf = () => 1;
    const a = tfIdfVector({ id: 'a', title: 'reward model', abstract: '' }, idf);
    const b = tfIdfVector({ id: 'b', title: 'reward model', abstract: '' }, idf);
    const c = tfIdfVector({ id: 'c', title: 'robot arm', abstract: '' }, idf);
    expect(cosineSimilarity(a, b)).toBeCloseTo(1);
    expect(cosineSimilarity(a, c)).toBe(0);
  });
});

describe('reasons shared by several interests', () => {
  it('are written once, with every interest they support', () => {
    const evidence = { score: 0.8, reasons: ["'GRPO' in title"] };
    const [ranked] = rankForSubscriber({
      candidates: [{ paperId: 'p', upvotes: 3, featuredDate: '2026-11-20', withdrawn: false, topics: new Map([['po', evidence]]), keywords: new Map([['grpo', evidence]]) }],
      topicIds: ['po'],
      keywords: ['GRPO'],
      topicNames: new Map([['po', 'Policy optimization']]),
      now: new Date('2026-11-20T08:00:00Z'),
      alreadySent: new Set(),
      minUpvotes: 0,
      maxPapers: 5,
    });
    expect(ranked.reasons).toEqual([`'GRPO' in title; topic Policy optimization; keyword "GRPO"`]);
  });
});
