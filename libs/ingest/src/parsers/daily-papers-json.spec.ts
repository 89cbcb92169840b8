import { describe, expect, it } from '@jest/globals';
import { parseDailyPapersEntries, parseDailyPapersText } from './daily-papers-json.js';

// Shaped like recorded /api/daily_papers entries (trimmed), with the text of papers from the saved pages.
const featured = {
  paper: {
    id: '2408.10075v2',
    authors: [
      { _id: '66c3f1', name: 'Sriyash  Poddar', hidden: false },
      { _id: '66c3f2', name: 'Yanming Wan', hidden: true },
      { _id: '66c3f3', name: 'Hamish Ivison', hidden: false, user: { user: 'hamishivi' } },
    ],
    publishedAt: '2024-08-19T17:59:59.000Z',
    submittedOnDailyAt: '2024-08-20T01:02:03.000Z',
    title: 'Personalizing Reinforcement Learning from Human Feedback\nwith Variational Preference Learning',
    summary: 'Reinforcement Learning from Human Feedback (RLHF) is a powerful paradigm\u00a0for aligning foundation models.',
    upvotes: 12,
    discussionId: '66c3f4',
    ai_summary: 'Variational preference learning personalises RLHF.',
    ai_keywords: ['RLHF', 'reward model', 'RLHF'],
    githubRepo: 'https://github.com/WEIRDLabUW/vpl_llm',
    projectPage: 'https://weirdlabuw.github.io/vpl',
    organization: { _id: 'o1', name: 'uw', fullname: 'University of Washington' },
  },
  publishedAt: '2024-08-20T01:02:03.000Z',
  title: 'Personalizing Reinforcement Learning from Human Feedback with Variational Preference Learning',
  summary: 'Reinforcement Learning from Human Feedback (RLHF) is a powerful paradigm.',
  thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2408.10075.png',
  numComments: 1,
  submittedBy: { _id: 'u1', name: 'akhaliq', fullname: 'AK' },
  isAuthorParticipating: false,
};

const noUpvotes = {
  paper: {
    id: '2510.01234',
    authors: [],
    publishedAt: '2025-10-01T10:00:00.000Z',
    title: 'RewardMap: Tackling Sparse Rewards in Fine-grained Visual Reasoning',
    summary: 'Fine-grained visual reasoning remains a core challenge.',
  },
  // Late evening west of UTC is already the next day in UTC.
  publishedAt: '2025-10-02T22:30:00.000-04:00',
  title: 'RewardMap',
  numComments: 0,
  organization: { name: 'hkust', fullname: 'HKUST' },
};

const withTitle = (paper: Record<string, unknown>) => ({ paper: { title: 'A title', summary: 'An abstract.', ...paper } });

describe('parseDailyPapersEntries', () => {
  it('normalises a full entry', () => {
    const { papers, skipped } = parseDailyPapersEntries([featured]);
    expect(skipped).toEqual([]);
    expect(papers).toEqual([
      {
        arxivId: '2408.10075',
        title: 'Personalizing Reinforcement Learning from Human Feedback with Variational Preference Learning',
        abstract: 'Reinforcement Learning from Human Feedback (RLHF) is a powerful paradigm for aligning foundation models.',
        aiSummary: 'Variational preference learning personalises RLHF.',
        authors: ['Sriyash Poddar', 'Yanming Wan', 'Hamish Ivison'],
        authorCount: 3,
        organization: 'University of Washington',
        arxivDate: '2024-08-19',
        featuredDate: '2024-08-20',
        upvotes: 12,
        links: {
          paperPage: 'https://huggingface.co/papers/2408.10075',
          arxiv: 'https://arxiv.org/abs/2408.10075',
          pdf: 'https://arxiv.org/pdf/2408.10075',
          code: 'https://github.com/WEIRDLabUW/vpl_llm',
          projectPage: 'https://weirdlabuw.github.io/vpl',
        },
        keywords: ['RLHF', 'reward model'],
        withdrawnAt: null,
        source: 'daily-papers',
        raw: featured,
      },
    ]);
  });

  it('keeps a missing upvote count as unknown, and dates in UTC', () => {
    const [paper] = parseDailyPapersEntries([noUpvotes], 'hf', 'http://localhost:9999/').papers;
    expect(paper).toMatchObject({
      upvotes: null,
      authorCount: null,
      aiSummary: null,
      organization: 'HKUST',
      arxivDate: '2025-10-01',
      featuredDate: '2025-10-03',
      source: 'hf',
      links: { paperPage: 'http://localhost:9999/papers/2510.01234' },
    });
  });

  it('accepts bare paper objects as returned by /api/papers/{id}', () => {
    const { papers } = parseDailyPapersEntries({ ...featured.paper, upvotes: 0, withdrawnAt: '2024-09-01T12:00:00Z' });
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ arxivId: '2408.10075', featuredDate: '2024-08-20', upvotes: 0, withdrawnAt: '2024-09-01T12:00:00.000Z' });
  });

  it('skips each entry that is not a paper with a reason and keeps the others', () => {
    const { papers, skipped } = parseDailyPapersEntries([
      withTitle({}),
      featured,
      withTitle({ id: 'not-a-paper' }),
      { paper: { id: '2501.00001', summary: 'no title' } },
      null,
      withTitle({ id: '2501.00005', withdrawnAt: 'yesterday' }),
      noUpvotes,
    ]);
    expect(papers.map((p) => p.arxivId)).toEqual(['2408.10075', '2510.01234']);
    expect(skipped).toEqual([
      { ref: 'entry 0', reason: 'missing id' },
      { ref: 'entry 2 (not-a-paper)', reason: 'invalid arXiv id "not-a-paper"' },
      { ref: 'entry 3 (2501.00001)', reason: 'missing title' },
      { ref: 'entry 4', reason: 'entry is not an object' },
      { ref: 'entry 5 (2501.00005)', reason: expect.stringMatching(/^withdrawnAt "yesterday" is not a time/) },
    ]);
  });

  it('keeps an entry whose optional field is wrong, as unknown, and says why', () => {
    const { papers, skipped, corrected } = parseDailyPapersEntries([
      withTitle({ id: '2501.00002', upvotes: '12' }),
      withTitle({ id: '2501.00003', authors: [{ hidden: false }, { name: 'Ada Lovelace' }] }),
      withTitle({ id: '2501.00004', publishedAt: 'yesterday' }),
    ]);
    expect(skipped).toEqual([]);
    expect(papers).toMatchObject([
      { arxivId: '2501.00002', upvotes: null },
      { arxivId: '2501.00003', authors: ['Ada Lovelace'], authorCount: 1 },
      { arxivId: '2501.00004', arxivDate: null },
    ]);
    expect(corrected).toEqual([
      { ref: 'entry 0 (2501.00002)', reason: expect.stringMatching(/^upvotes "12" is not a whole number/) },
      { ref: 'entry 1 (2501.00003)', reason: 'authors: 1 of 2 are not text; left out' },
      { ref: 'entry 2 (2501.00004)', reason: expect.stringMatching(/^arxivDate "yesterday" is not a date/) },
    ]);
  });

  it('treats an empty day as normal', () => {
    expect(parseDailyPapersEntries([])).toEqual({ papers: [], skipped: [], corrected: [] });
  });

  it('reads the author count of the bundled sample, which has no author names', () => {
    const [paper] = parseDailyPapersEntries([withTitle({ id: 'sample-0123456789', authors: [], authorCount: 5 })]).papers;
    expect(paper).toMatchObject({ arxivId: 'sample-0123456789', authors: [], authorCount: 5, links: {} });
  });
});

describe('parseDailyPapersText', () => {
  it('reads a JSON array', () => {
    expect(parseDailyPapersText(JSON.stringify([featured, noUpvotes])).papers).toHaveLength(2);
  });

  it('reads JSONL, reporting unreadable lines by number', () => {
    const text = [JSON.stringify(featured), '', '{"paper": {"id": "2501', JSON.stringify(noUpvotes), ''].join('\n');
    const { papers, skipped } = parseDailyPapersText(text);
    expect(papers.map((p) => p.arxivId)).toEqual(['2408.10075', '2510.01234']);
    expect(skipped).toEqual([{ ref: 'line 3', reason: expect.stringMatching(/^not valid JSON/) }]);
  });

  it('treats empty text as an empty day', () => {
    expect(parseDailyPapersText('  \n')).toEqual({ papers: [], skipped: [], corrected: [] });
  });
});
