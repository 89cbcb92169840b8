import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatSummary } from './digest-format.js';
import { READER_FIELDS, readerPaperView, SHELL_FIELDS, shellView } from './digest-view.js';
import type { DigestForReader, DigestPaper, DigestPaperForReader } from './digest-model.js';
import { DigestRenderer, MAX_DIGEST_HTML_BYTES, escapeHtml } from './digest-renderer.js';
import { qpDecode } from '../mime/quoted-printable.js';

/** The quoted-printable bodies the worker sends decode to exactly the cached render. */
function expectEncodedSame(renderer: DigestRenderer, digest: DigestForReader, cached: { html: string; text: string }): void {
  const encoded = renderer.renderEncoded(digest);
  const html = Buffer.concat(encoded.html).toString('latin1');
  const text = Buffer.concat(encoded.text).toString('latin1');
  expect(qpDecode(html)).toBe(cached.html);
  expect(qpDecode(text)).toBe(cached.text.replace(/\r/g, ''));
  expect(encoded.htmlBytes).toBe(Buffer.byteLength(cached.html));
  for (const line of `${html}\r\n${text}`.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
}

const NASTY = `<script>alert("x")</script> & 'quotes' "double" </p><a href="javascript:alert(1)">x</a> <!-- --> &amp; 🧪🚀 👩🏽‍🔬 ${'\u0000'}nul ${'\uD800'}lone`;

function makePaper(id: string, overrides: Partial<DigestPaper> = {}): DigestPaper {
  return {
    arxivId: id,
    title: `Scaling reward models for ${id}`,
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
    authorCount: 4,
    organization: 'Analytical Engines Lab',
    arxivDate: '2026-11-18',
    featuredDate: '2026-11-20',
    upvotes: 42,
    summary: 'We study how reward models scale with data and parameters, and find that preference accuracy keeps improving.',
    links: {
      paperPage: `https://huggingface.co/papers/${id}`,
      arxiv: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}`,
      code: 'https://github.com/example/reward-scaling',
      projectPage: 'https://example.org/reward-scaling',
    },
    ...overrides,
  };
}

function forReader(paper: DigestPaper, reasons: string[], n = 0): DigestPaperForReader {
  return {
    paper,
    reasons,
    feedbackUpUrl: `https://paperboy.example/f/${paper.arxivId}/up?t=tok${n}&s=1`,
    feedbackDownUrl: `https://paperboy.example/f/${paper.arxivId}/down?t=tok${n}&s=1`,
  };
}

function makeDigest(papers: DigestPaperForReader[], overrides: Partial<DigestForReader> = {}): DigestForReader {
  return {
    editionDate: '2026-11-20',
    papers,
    manageUrl: 'https://paperboy.example/manage/m-tok',
    unsubscribeUrl: 'https://paperboy.example/u/u-tok',
    viewInBrowserUrl: 'https://paperboy.example/d/2026-11-20/v-tok',
    reason: 'You subscribed to Paperboy with ada@example.org on 2026-11-20 and chose: Reward modeling, “GRPO”.',
    ...overrides,
  };
}

async function expectSamePaths(renderer: DigestRenderer, digest: DigestForReader): Promise<{ html: string; text: string }> {
  await renderer.prepare(digest.papers.map((p) => p.paper));
  const full = await renderer.renderFull(digest);
  const cached = renderer.renderCached(digest);
  expect(cached.html).toBe(full.html);
  expect(cached.text).toBe(full.text);
  expectEncodedSame(renderer, digest, cached);
  return full;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('escapeHtml', () => {
  it('matches what React emits for text children and attribute values', () => {
    const sample = `a&b<c>d"e'f 👍 \` = / ${'\u00a0'}`;
    expect(renderToStaticMarkup(createElement('p', { title: sample }, sample))).toBe(`<p title="${escapeHtml(sample)}">${escapeHtml(sample)}</p>`);
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#x27;');
  });
});

describe('DigestRenderer: cached render equals the react-email render byte for byte', () => {
  it('for a typical digest, one with no reasons and one with many', async () => {
    const renderer = new DigestRenderer();
    const papers = ['2611.00001', '2611.00002', '2611.00003'].map((id) => makePaper(id));
    await expectSamePaths(renderer, makeDigest(papers.map((p, i) => forReader(p, ['Reward modeling', '“GRPO”'], i))));
    await expectSamePaths(renderer, makeDigest(papers.map((p, i) => forReader(p, [], i))));
    const many = Array.from({ length: 25 }, (_, i) => `Topic number ${i} with "quotes" & <tags>`);
    await expectSamePaths(renderer, makeDigest([...papers].reverse().map((p, i) => forReader(p, many, i))));
  });

  it('for papers missing every optional field', async () => {
    const renderer = new DigestRenderer();
    const bare = makePaper('2611.10001', { authors: [], authorCount: null, organization: null, arxivDate: null, featuredDate: null, upvotes: null, summary: '', links: {} });
    const countOnly = makePaper('2611.10002', { authors: [], authorCount: 12, organization: null, upvotes: 0, links: { arxiv: 'https://arxiv.org/abs/2611.10002' } });
    const { html, text } = await expectSamePaths(renderer, makeDigest([forReader(bare, []), forReader(countOnly, ['Diffusion'])]));
    expect(html).toContain('12 authors');
    expect(html).toContain('▲ 0');
    expect(text).toContain('12 authors');
  });

  it('for an empty digest', async () => {
    const { html } = await expectSamePaths(new DigestRenderer(), makeDigest([]));
    expect(html).toContain('No new papers matched your interests today');
  });

  it('for titles, abstracts, authors, reasons and footer text full of markup, quotes and emoji', async () => {
    const renderer = new DigestRenderer();
    const paper = makePaper('2611.20001', { title: NASTY, authors: [NASTY, `O'Brien & <Sons>`], authorCount: null, organization: NASTY, summary: `${NASTY} `.repeat(20) });
    const digest = makeDigest([forReader(paper, [NASTY, '“GRPO” & <RLHF>', '🙂'])], { reason: NASTY });
    const { html, text } = await expectSamePaths(renderer, digest);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="(?!https?:\/\/)/);
    expect(html).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;');
    expect(html).not.toContain('\u0000');
    expect(text).toContain('<script>alert("x")</script>');
  });

  it('for per-reader URLs that are unsafe (links dropped in both paths)', async () => {
    const renderer = new DigestRenderer();
    const paper = makePaper('2611.30001');
    const digest = makeDigest([{ paper, reasons: ['x'], feedbackUpUrl: 'javascript:alert(1)', feedbackDownUrl: 'https://paperboy.example/f/down' }], {
      viewInBrowserUrl: '/relative',
      manageUrl: 'data:text/html,hi',
      unsubscribeUrl: 'https://paperboy.example/u/tok',
    });
    const { html } = await expectSamePaths(renderer, digest);
    expect(html).not.toContain('More like this');
    expect(html).toContain('Fewer like this');
    expect(html).not.toContain('View in browser');
    expect(html).not.toContain('Manage preferences');
    expect(html).toContain('Unsubscribe');
  });

  it('holds for arbitrary strings in titles, authors, organizations, summaries and reasons', async () => {
    const renderer = new DigestRenderer();
    const nasty = fc.constantFrom('<', '>', '&', '"', "'", '<script>', '</script>', '<SCRIPT src=x>', '</p>', '<!-- -->', '&amp;', '\u0000', '\uD800', '\uDFFF', '😀', '👩🏽‍🔬', ' ', '\n', '\t', 'a', 'Z', '@', 'https://x.org/');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: nasty, maxLength: 30 }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ title: text, authors: fc.array(text, { maxLength: 5 }), organization: fc.option(text), summary: text, reasons: fc.array(text, { maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
        text,
        async (items, reason) => {
          const papers = items.map((item) => forReader(makePaper(`p${n++}`, { title: item.title, authors: item.authors, organization: item.organization, summary: item.summary }), item.reasons));
          const digest = makeDigest(papers, { reason });
          await renderer.prepare(papers.map((p) => p.paper));
          const full = await renderer.renderFull(digest);
          const cached = renderer.renderCached(digest);
          expect(cached.html).toBe(full.html);
          expect(cached.text).toBe(full.text);
          expectEncodedSame(renderer, digest, cached);
          expect(full.html).not.toMatch(/<script/i);
        },
      ),
      { numRuns: 60 },
    );
  });
  it('holds for arbitrary values of every per-reader field, present and absent', async () => {
    const renderer = new DigestRenderer();
    const pool = ['2611.01001', '2611.01002', '2611.01003'].map((id) => makePaper(id));
    await renderer.prepare(pool);
    const nasty = fc.constantFrom('<', '>', '&', '"', "'", '<b>', '</p>', '<!-- -->', '&amp;', '\u0000', '\uD800', '😀', ' ', '\n', 'a', '2026-11-20');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: nasty, maxLength: 20 }));
    // Mostly links safeHref keeps (with &, ' and escapes in them), some it drops.
    const url = fc.oneof(fc.string({ unit: nasty, maxLength: 12 }).map((s) => `https://paperboy.example/${s}?a=1&b='${s}'`), text);
    // What each field of the lists was seen as: its distinct values, and whether it was ever absent.
    const seen = new Map<string, { values: Set<string>; absent: boolean }>();
    const note = (view: Record<string, string | undefined>) => {
      for (const [name, value] of Object.entries(view)) {
        const entry = seen.get(name) ?? { values: new Set<string>(), absent: false };
        if (value === undefined) entry.absent = true;
        else entry.values.add(value);
        seen.set(name, entry);
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.record({ editionDate: text, reason: text, manageUrl: url, unsubscribeUrl: url, viewInBrowserUrl: url }),
        fc.array(fc.record({ reasons: fc.array(text, { maxLength: 3 }), feedbackUpUrl: url, feedbackDownUrl: url }), { maxLength: 3 }),
        async (shell, readers) => {
          const digest = makeDigest(readers.map((reader, i) => ({ paper: pool[i], ...reader })), shell);
          note(shellView(digest));
          for (const item of digest.papers) note(readerPaperView(item));
          const full = await renderer.renderFull(digest);
          const cached = renderer.renderCached(digest);
          expect(cached.html).toBe(full.html);
          expect(cached.text).toBe(full.text);
          expectEncodedSame(renderer, digest, cached);
        },
      ),
      { numRuns: 80 },
    );
    for (const [name, field] of Object.entries({ ...SHELL_FIELDS, ...READER_FIELDS })) {
      expect({ name, varied: (seen.get(name)?.values.size ?? 0) > 1, absent: seen.get(name)?.absent }).toEqual({ name, varied: true, absent: field.optional });
    }
  });
});

describe('DigestEmail content', () => {
  it('drops javascript:, data: and other non-http(s) paper links', async () => {
    const paper = makePaper('2611.40001', {
      links: { paperPage: 'javascript:alert(1)', arxiv: 'data:text/html;base64,PHNjcmlwdD4=', pdf: 'arxiv.org/pdf/2611.40001', code: 'https://github.com/ok/repo', projectPage: 'vbscript:msgbox(1)' },
    });
    const { html, text } = await expectSamePaths(new DigestRenderer(), makeDigest([forReader(paper, [])]));
    expect(html).not.toMatch(/javascript:|data:|vbscript:/i);
    expect(html).not.toContain('>PDF<');
    expect(html).toContain('https://github.com/ok/repo');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(text).not.toMatch(/javascript:|data:|vbscript:/i);
  });

  it('stays under 100 KB of HTML for 20 papers with 3,000-character abstracts', async () => {
    const renderer = new DigestRenderer();
    const abstract = 'Transformers trained with reinforcement learning from human feedback exhibit emergent behaviour. '.repeat(40).slice(0, 3000);
    const papers = Array.from({ length: 20 }, (_, i) =>
      makePaper(`2611.5${String(i).padStart(4, '0')}`, {
        title: `A rather long paper title about scaling laws for preference optimisation, number ${i}, with a colon: and a subtitle`,
        authors: Array.from({ length: 30 }, (_, a) => `Author Number${a} Surname`),
        authorCount: 30,
        summary: abstract,
      }),
    );
    const reasons = ['Reward modeling', '“GRPO”', 'Reinforcement learning from human feedback'];
    const { html, text } = await expectSamePaths(renderer, makeDigest(papers.map((p, i) => forReader(p, reasons, i))));
    expect(bytes(html)).toBeLessThan(MAX_DIGEST_HTML_BYTES);
    expect(bytes(text)).toBeLessThan(MAX_DIGEST_HTML_BYTES);
  });

  it('shows summaries truncated at a word, and not the whole text', async () => {
    const long = 'alpha beta gamma delta '.repeat(30).trim();
    const { html } = await expectSamePaths(new DigestRenderer(), makeDigest([forReader(makePaper('2611.60001', { summary: long }), [])]));
    expect(html).toContain(`${formatSummary(long)}</p>`);
    expect(html).not.toContain(long);
  });

  it('shows the first three authors then "et al."', async () => {
    const { html } = await expectSamePaths(new DigestRenderer(), makeDigest([forReader(makePaper('2611.70001'), [])]));
    expect(html).toContain('Ada Lovelace, Alan Turing, Grace Hopper et al. · Analytical Engines Lab');
    expect(html).not.toContain('Dijkstra');
  });

  it('shows upvotes as ▲ N and omits them when null', async () => {
    const renderer = new DigestRenderer();
    const voted = await expectSamePaths(renderer, makeDigest([forReader(makePaper('2611.80001', { upvotes: 128 }), [])]));
    expect(voted.html).toContain('arXiv 18 Nov 2026 · Featured 20 Nov 2026 · ▲ 128');
    const unvoted = await expectSamePaths(renderer, makeDigest([forReader(makePaper('2611.80002', { upvotes: null }), [])]));
    expect(unvoted.html).not.toContain('▲');
    expect(unvoted.text).not.toContain('▲');
  });

  it('has the date heading, why line, feedback links, view-in-browser at the top and a compliant footer', async () => {
    const digest = makeDigest([forReader(makePaper('2611.90001'), ['Reward modeling', '“GRPO”'], 7), forReader(makePaper('2611.90002'), [], 8)]);
    const { html, text } = await expectSamePaths(new DigestRenderer(), digest);
    expect(html).toContain('>Friday, 20 November 2026</h1>');
    expect(html).toContain('2 trending papers matching your interests');
    expect(html).toContain('Why: Reward modeling; “GRPO”');
    expect(html.match(/Why: /g)).toHaveLength(1);
    expect(html).toContain('href="https://paperboy.example/f/2611.90001/up?t=tok7&amp;s=1"');
    expect(html).toContain('href="https://paperboy.example/f/2611.90002/down?t=tok8&amp;s=1"');
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain('max-width:600px');
    expect(html).not.toMatch(/<img|@import|@font-face|fonts\.googleapis/i);

    const view = html.indexOf('>View in browser</a>');
    expect(view).toBeGreaterThan(-1);
    expect(view).toBeLessThan(html.indexOf('>Paperboy</p>'));
    const footer = html.slice(html.lastIndexOf('<hr'));
    expect(footer).toContain('href="https://paperboy.example/manage/m-tok"');
    expect(footer).toContain('>Manage preferences</a>');
    expect(footer).toContain('href="https://paperboy.example/u/u-tok"');
    expect(footer).toContain('>Unsubscribe</a>');
    expect(footer).toContain('You subscribed to Paperboy with ada@example.org on 2026-11-20 and chose: Reward modeling, “GRPO”.');

    expect(text).toContain('View in browser: https://paperboy.example/d/2026-11-20/v-tok');
    expect(text).toContain('Manage preferences: https://paperboy.example/manage/m-tok');
    expect(text).toContain('Unsubscribe: https://paperboy.example/u/u-tok');
    expect(text).toContain('1. Scaling reward models for 2611.90001');
    expect(text).toContain('2. Scaling reward models for 2611.90002');
  });

  it('refuses to render a paper that was not prepared', async () => {
    const renderer = new DigestRenderer();
    await renderer.prepare([makePaper('2611.99001')]);
    expect(() => renderer.renderCached(makeDigest([forReader(makePaper('2611.99002'), [])]))).toThrow(/not prepared/);
  });
});
