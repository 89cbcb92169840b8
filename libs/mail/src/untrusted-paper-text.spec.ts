import { describe, expect, it } from '@jest/globals';
import { paperView } from './digest/digest-view.js';
import { renderDigestFull, type DigestPaper } from './index.js';

// A stored paper as a hostile feed could have left it before ingest cleaned anything.
const hostile: DigestPaper = {
  arxivId: '2611.00001',
  title: 'Reward \u202Eledom\u202C models\u200B with hid\u200Bden\u00ADtext\u0000',
  authors: ['Ada\u2066 Lovelace', '\u200B\u200B'],
  authorCount: 2,
  organization: 'Lab\u0007 of \u{E0041}\u{E0042}things',
  arxivDate: '2026-11-18',
  featuredDate: '2026-11-20',
  upvotes: 3,
  summary: 'Summary \u202Ewith an override and a \uFEFFBOM.',
  links: { arxiv: 'https://arxiv.org/abs/2611.00001', code: 'javascript:alert(1)', projectPage: 'https://user:pass@example.org/', pdf: 'data:text/html,x' },
};

describe('the digest email shows paper text and links through the shared rules', () => {
  it('drops bidi overrides, zero-width and control characters, and unsafe links', async () => {
    const view = paperView(hostile);
    expect(view.title).toBe('Reward ledom models with hiddentext');
    expect(view.byline).toBe('Ada Lovelace et al. · Lab of things');
    expect(view.summary).toBe('Summary with an override and a BOM.');
    expect(view.links.map((l) => l.label)).toEqual(['arXiv']);
    const { html, text } = await renderDigestFull({
      editionDate: '2026-11-20',
      papers: [{ paper: hostile, reasons: [], feedbackUpUrl: 'https://paperboy.example/up', feedbackDownUrl: 'https://paperboy.example/down' }],
      manageUrl: 'https://paperboy.example/m',
      unsubscribeUrl: 'https://paperboy.example/u',
      viewInBrowserUrl: 'https://paperboy.example/v',
      reason: 'test',
    });
    // The preheader's padding is react-email's own invisible filler; the papers come after the heading.
    for (const output of [html.slice(html.indexOf('<h1')), text]) {
      expect(output).not.toMatch(/[\u0000\u0007\u200B\u202C\u202E\u2066\uFEFF\u00AD]|[\u{E0000}-\u{E007F}]/u);
      expect(output).not.toMatch(/javascript:|data:text|user:pass/);
    }
  });
});
