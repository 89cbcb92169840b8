import { describe, expect, it } from '@jest/globals';
import type { DigestForReader, DigestPaper } from './digest-model.js';
import { paperView, READER_FIELDS, readerPaperView, SHELL_FIELDS, shellView } from './digest-view.js';

const paper: DigestPaper = {
  arxivId: '2611.00001',
  title: 'Scaling reward models',
  authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
  authorCount: 4,
  organization: 'Analytical Engines Lab',
  arxivDate: '2026-11-18',
  featuredDate: '2026-11-20',
  upvotes: 42,
  summary: 'We study how reward models scale.',
  links: { paperPage: 'https://huggingface.co/papers/2611.00001', arxiv: 'https://arxiv.org/abs/2611.00001', pdf: 'https://arxiv.org/pdf/2611.00001', code: 'https://github.com/example/rm' },
};

const digest: DigestForReader = {
  editionDate: '2026-11-20',
  papers: [{ paper, reasons: ['Reward modeling', '“GRPO”'], feedbackUpUrl: 'https://paperboy.example/f/a/up', feedbackDownUrl: 'https://paperboy.example/f/a/down' }],
  manageUrl: 'https://paperboy.example/preferences/m',
  unsubscribeUrl: 'https://paperboy.example/unsubscribe/u',
  viewInBrowserUrl: 'https://paperboy.example/digests/v/2026-11-20',
  reason: 'You subscribed.',
};

describe('paperView', () => {
  it('gives every line of a paper card, links in a fixed order', () => {
    expect(paperView(paper)).toEqual({
      title: 'Scaling reward models',
      titleHref: 'https://huggingface.co/papers/2611.00001',
      byline: 'Ada Lovelace, Alan Turing, Grace Hopper et al. · Analytical Engines Lab',
      meta: 'arXiv 18 Nov 2026 · Featured 20 Nov 2026 · ▲ 42',
      summary: 'We study how reward models scale.',
      links: [
        { label: 'Paper page', href: 'https://huggingface.co/papers/2611.00001' },
        { label: 'arXiv', href: 'https://arxiv.org/abs/2611.00001' },
        { label: 'PDF', href: 'https://arxiv.org/pdf/2611.00001' },
        { label: 'Code', href: 'https://github.com/example/rm' },
      ],
    });
  });

  it('drops unsafe links, links the title to arXiv without a paper page, and leaves out what is unknown', () => {
    const view = paperView({ ...paper, authors: [], authorCount: null, organization: null, arxivDate: null, featuredDate: null, upvotes: null, links: { paperPage: 'javascript:alert(1)', arxiv: 'https://arxiv.org/abs/2611.00001', code: 'data:text/html,x' } });
    expect(view.titleHref).toBe('https://arxiv.org/abs/2611.00001');
    expect(view.links).toEqual([{ label: 'arXiv', href: 'https://arxiv.org/abs/2611.00001' }]);
    expect(view.byline).toBeUndefined();
    expect(view.meta).toBeUndefined();
  });

  it('falls back to the arXiv id, then to "Untitled paper", for a title nothing is left of', () => {
    expect(paperView({ ...paper, title: '\u200B' }).title).toBe('2611.00001');
    expect(paperView({ ...paper, title: '', arxivId: '' }).title).toBe('Untitled paper');
  });
});

describe('readerPaperView', () => {
  it('joins the cleaned reasons and keeps only safe feedback links', () => {
    expect(readerPaperView({ reasons: ['Reward modeling', '\u200B', '“GRPO”\u0000'], feedbackUpUrl: 'https://paperboy.example/f/up', feedbackDownUrl: 'javascript:alert(1)' })).toEqual({
      why: 'Reward modeling; “GRPO”',
      upHref: 'https://paperboy.example/f/up',
      downHref: undefined,
    });
    expect(readerPaperView({ reasons: [], feedbackUpUrl: '', feedbackDownUrl: '' }).why).toBeUndefined();
  });
});

describe('shellView', () => {
  it('gives the per-reader lines of the digest', () => {
    expect(shellView(digest)).toEqual({
      editionLabel: 'Friday, 20 November 2026',
      countLabel: '1 trending paper matching your interests',
      reason: 'You subscribed.',
      viewHref: 'https://paperboy.example/digests/v/2026-11-20',
      manageHref: 'https://paperboy.example/preferences/m',
      unsubscribeHref: 'https://paperboy.example/unsubscribe/u',
    });
    const unsafe = shellView({ ...digest, viewInBrowserUrl: '/relative', manageUrl: 'data:,x', unsubscribeUrl: 'mailto:a@b.c' });
    expect([unsafe.viewHref, unsafe.manageHref, unsafe.unsubscribeHref]).toEqual([undefined, undefined, undefined]);
  });
});

describe('the per-reader field lists', () => {
  it('name exactly the fields the views carry', () => {
    expect(Object.keys(shellView(digest)).sort()).toEqual(Object.keys(SHELL_FIELDS).sort());
    expect(Object.keys(readerPaperView(digest.papers[0])).sort()).toEqual(Object.keys(READER_FIELDS).sort());
  });

  it('mark as optional exactly the fields a view can leave out', () => {
    const empty = shellView({ ...digest, viewInBrowserUrl: '', manageUrl: '', unsubscribeUrl: '' });
    for (const [name, field] of Object.entries(SHELL_FIELDS)) expect([name, empty[name as keyof typeof empty] === undefined]).toEqual([name, field.optional]);
    const bare = readerPaperView({ reasons: [], feedbackUpUrl: '', feedbackDownUrl: '' });
    for (const [name, field] of Object.entries(READER_FIELDS)) expect([name, bare[name as keyof typeof bare] === undefined]).toEqual([name, field.optional]);
  });
});
