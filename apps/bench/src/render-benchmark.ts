import { performance } from 'node:perf_hooks';
import {
  DIGEST_DARK_MODE_CSS,
  DIGEST_PREVIEW,
  DigestRenderer,
  EMPTY_DIGEST_NOTICE,
  escapeHtml,
  paperView,
  readerPaperView,
  renderDigestFull,
  renderDigestText,
  shellView,
  type DigestForReader,
  type DigestPaper,
  type LinkView,
  type RenderedDigest,
} from '@app/mail';

/*
 * NODE_ENV matters: React's CommonJS entry loads its development or production build from process.env.NODE_ENV at
 * first import, and the development build (jest sets NODE_ENV=test) is several times slower. Run the benchmark with
 * NODE_ENV=production, as the worker runs, for figures that mean anything; `nodeEnv` in the result says what was in effect.
 */

export interface DigestRenderBenchmark {
  iterations: number;
  papersPerDigest: number;
  nodeEnv: string;
  /** Per digest, HTML and text: react-email render of the whole DigestEmail. */
  fullMs: number;
  /** Per digest, HTML and text: DigestRenderer.renderCached after one prepare(). */
  cachedMs: number;
  /** Per digest, HTML and text: the hand-written template literal below. */
  baselineMs: number;
  /** Once per run: DigestRenderer.prepare() for the whole paper pool. */
  prepareMs: number;
  poolPapers: number;
  /** Largest HTML produced, in UTF-8 bytes. */
  maxHtmlBytes: number;
  /** Every cached render equalled its full render (HTML and text). */
  cachedIdentical: boolean;
  /** Every baseline render equalled its full render (HTML and text). */
  baselineIdentical: boolean;
}

const PAPERS_PER_DIGEST = 20;
const POOL_SIZE = 60;
const WARMUP = 10;

const WORDS = 'we propose a scalable method for preference optimisation that improves reward model accuracy across benchmarks while reducing compute by an order of magnitude and analyse failure modes in long context reasoning agents'.split(' ');

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function benchmarkPapers(): DigestPaper[] {
  const random = seededRandom(20261120);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  return Array.from({ length: POOL_SIZE }, (_, i) => {
    const id = `2611.${String(10000 + i)}`;
    const authorCount = 3 + Math.floor(random() * 30);
    return {
      arxivId: id,
      title: `${words(10)} & "${words(2)}"`,
      authors: Array.from({ length: authorCount }, (_, a) => `Author${a} O'Surname${i}`),
      authorCount,
      organization: i % 4 === 0 ? null : `Lab <${i % 7}>`,
      arxivDate: '2026-11-18',
      featuredDate: i % 3 === 0 ? null : '2026-11-20',
      upvotes: i % 5 === 0 ? null : Math.floor(random() * 400),
      // ~3,000 characters, like a long abstract; the email truncates it.
      summary: words(420).slice(0, 3000),
      links: {
        paperPage: `https://huggingface.co/papers/${id}`,
        arxiv: `https://arxiv.org/abs/${id}`,
        pdf: `https://arxiv.org/pdf/${id}`,
        code: i % 2 === 0 ? `https://github.com/example/repo-${i}` : undefined,
        projectPage: i % 6 === 0 ? `https://example.org/p/${i}?a=1&b=2` : undefined,
      },
    };
  });
}

function benchmarkDigest(pool: readonly DigestPaper[], n: number): DigestForReader {
  const token = `t${n.toString(36)}x${(n * 7919).toString(36)}`;
  return {
    editionDate: '2026-11-20',
    // Stride 3 over a pool of 60 gives 20 distinct papers in a reader-specific order.
    papers: Array.from({ length: PAPERS_PER_DIGEST }, (_, k) => {
      const paper = pool[(n + k * 3) % pool.length];
      return {
        paper,
        reasons: ['Reward modeling', '“GRPO”', 'Reinforcement learning'].slice(0, 1 + ((n + k) % 3)),
        feedbackUpUrl: `https://paperboy.example/f/${token}/${paper.arxivId}/up`,
        feedbackDownUrl: `https://paperboy.example/f/${token}/${paper.arxivId}/down`,
      };
    }),
    manageUrl: `https://paperboy.example/m/${token}`,
    unsubscribeUrl: `https://paperboy.example/u/${token}`,
    viewInBrowserUrl: `https://paperboy.example/d/2026-11-20/${token}`,
    reason: `You subscribed to Paperboy with reader${n}@example.org on 2026-11-01 and chose: Reward modeling, “GRPO”.`,
  };
}

/*
 * Baseline: the same markup written out by hand as a template literal, the cheapest way to produce these bytes.
 * It exists only to measure against; it duplicates react-email's output (attribute order, the expanded margins Text
 * adds, the Preview padding), so it is checked for equality on every run instead of being trusted.
 */

const PREVIEW_PADDING = '\u00A0\u200C\u200B\u200D\u200E\u200F\uFEFF'.repeat(Math.max(0, 150 - DIGEST_PREVIEW.length));
const P_SMALL = '<p class="pb-muted" style="font-size:13px;line-height:19px;color:#5f6368;margin:0 0 2px;word-break:break-word;margin-top:0;margin-right:0;margin-bottom:2px;margin-left:0">';
const P_SUMMARY = '<p class="pb-text" style="font-size:15px;line-height:22px;color:#1d1d1f;margin:8px 0;word-break:break-word;margin-top:8px;margin-right:0;margin-bottom:8px;margin-left:0">';
const TABLE_ATTRS = 'align="center" width="100%" border="0" cellPadding="0" cellSpacing="0" role="presentation"';

const quietLink = (href: string, label: string) => `<a href="${escapeHtml(href)}" class="pb-muted" style="color:#5f6368;text-decoration-line:none;text-decoration:underline" target="_blank">${label}</a>`;
const paperLink = (link: LinkView) => `<a href="${escapeHtml(link.href)}" class="pb-link" style="color:#0b57d0;text-decoration-line:none;text-decoration:underline" target="_blank">${escapeHtml(link.label)}</a>`;

function baselinePaper(item: DigestForReader['papers'][number]): string {
  const p = paperView(item.paper);
  const r = readerPaperView(item);
  const title = escapeHtml(p.title);
  const feedback = [r.upHref === undefined ? undefined : quietLink(r.upHref, '👍 More like this'), r.downHref === undefined ? undefined : quietLink(r.downHref, '👎 Fewer like this')].filter((x) => x !== undefined);
  return `<table ${TABLE_ATTRS} style="border-top:1px solid #dadce0;padding:14px 0 2px"><tbody><tr><td>\
<p class="pb-text" style="font-size:17px;line-height:24px;color:#1d1d1f;font-weight:600;margin:0 0 4px;word-break:break-word;margin-top:0;margin-right:0;margin-bottom:4px;margin-left:0">\
${p.titleHref === undefined ? title : `<a href="${escapeHtml(p.titleHref)}" class="pb-text" style="color:#1d1d1f;text-decoration-line:none;text-decoration:none" target="_blank">${title}</a>`}</p>\
${p.byline === undefined ? '' : `${P_SMALL}${escapeHtml(p.byline)}</p>`}\
${p.meta === undefined ? '' : `${P_SMALL}${escapeHtml(p.meta)}</p>`}\
${p.summary === '' ? '' : `${P_SUMMARY}${escapeHtml(p.summary)}</p>`}\
${p.links.length === 0 ? '' : `${P_SMALL}${p.links.map(paperLink).join(' · ')}</p>`}\
${r.why === undefined ? '' : `${P_SMALL}Why: ${escapeHtml(r.why)}</p>`}\
${feedback.length === 0 ? '' : `${P_SMALL}${feedback.join(' · ')}</p>`}\
</td></tr></tbody></table>`;
}

export function baselineDigestHtml(digest: DigestForReader): string {
  const s = shellView(digest);
  const footerLinks = [s.manageHref === undefined ? undefined : quietLink(s.manageHref, 'Manage preferences'), s.unsubscribeHref === undefined ? undefined : quietLink(s.unsubscribeHref, 'Unsubscribe')].filter((x) => x !== undefined);
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\
<html dir="ltr" lang="en"><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type"/><meta name="x-apple-disable-message-reformatting"/>\
<meta name="color-scheme" content="light dark"/><meta name="supported-color-schemes" content="light dark"/><style>${DIGEST_DARK_MODE_CSS}</style></head>\
<body class="pb-body" style="background-color:#f6f6f4;margin:0;padding:0"><!--$--><!--html--><!--head-->\
<div style="display:none;overflow:hidden;line-height:1px;opacity:0;max-height:0;max-width:0" data-skip-in-text="true">${escapeHtml(DIGEST_PREVIEW)}<div>${PREVIEW_PADDING}</div></div><!--body-->\
<table border="0" width="100%" cellPadding="0" cellSpacing="0" role="presentation" align="center"><tbody><tr>\
<td style="background-color:#f6f6f4;font-family:-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif;margin:0;padding:24px 0">\
<table align="center" width="100%" class="pb-container" border="0" cellPadding="0" cellSpacing="0" role="presentation" style="max-width:600px;background-color:#ffffff;border-radius:8px;margin:0 auto;padding:24px"><tbody><tr style="width:100%"><td>\
${s.viewHref === undefined ? '' : `<p class="pb-muted" style="font-size:12px;line-height:18px;color:#5f6368;margin:0 0 8px;text-align:right;margin-top:0;margin-right:0;margin-bottom:8px;margin-left:0">${quietLink(s.viewHref, 'View in browser')}</p>`}\
<p class="pb-text" style="font-size:20px;line-height:24px;color:#1d1d1f;font-weight:700;margin:0 0 16px;margin-top:0;margin-right:0;margin-bottom:16px;margin-left:0">Paperboy</p>\
<h1 class="pb-text" style="color:#1d1d1f;font-size:22px;line-height:28px;font-weight:700;margin:0 0 4px">${escapeHtml(s.editionLabel)}</h1>\
<p class="pb-muted" style="font-size:14px;line-height:20px;color:#5f6368;margin:0 0 8px;margin-top:0;margin-right:0;margin-bottom:8px;margin-left:0">${escapeHtml(s.countLabel)}</p>\
${digest.papers.length === 0 ? `${P_SUMMARY}${escapeHtml(EMPTY_DIGEST_NOTICE)}</p>` : digest.papers.map(baselinePaper).join('')}\
<hr style="width:100%;border:none;border-top:1px solid #eaeaea"/><table ${TABLE_ATTRS}><tbody><tr><td>\
<p class="pb-muted" style="font-size:12px;line-height:18px;color:#5f6368;margin-top:16px;margin-bottom:16px"><span>${escapeHtml(s.reason)}</span>${footerLinks.length > 0 ? '<br/>' : ''}${footerLinks.join(' · ')}</p>\
</td></tr></tbody></table></td></tr></tbody></table></td></tr></tbody></table><!--/$--></body></html>`;
}

function baselineDigest(digest: DigestForReader): RenderedDigest {
  return { html: baselineDigestHtml(digest), text: renderDigestText(digest) };
}

/** Encoding to bytes is the next thing a sender does, and it flattens the cached path's concatenated strings, so it is timed too. */
function encodedBytes(rendered: RenderedDigest): number {
  return Buffer.byteLength(rendered.html, 'utf8') + Buffer.byteLength(rendered.text, 'utf8');
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Per-digest cost of the three ways to render a 20-paper digest, each producing HTML and the plain-text part and
 * encoding both to bytes, plus the one-off prepare() cost of the cached renderer. Outputs are compared after timing, not inside the timed loops.
 */
export async function benchmarkDigestRendering(iterations: number): Promise<DigestRenderBenchmark> {
  const count = Math.max(1, Math.floor(iterations));
  const pool = benchmarkPapers();
  const digests = Array.from({ length: count }, (_, i) => benchmarkDigest(pool, i));
  const warmups = Array.from({ length: WARMUP }, (_, i) => benchmarkDigest(pool, count + i));

  const renderer = new DigestRenderer();
  const prepareStart = performance.now();
  await renderer.prepare(pool);
  const prepareMs = performance.now() - prepareStart;

  let sink = 0;
  for (const digest of warmups) {
    sink += encodedBytes(await renderDigestFull(digest));
    sink += encodedBytes(renderer.renderCached(digest));
    sink += encodedBytes(baselineDigest(digest));
  }

  collectGarbage();
  const full: RenderedDigest[] = [];
  let start = performance.now();
  for (const digest of digests) {
    const rendered = await renderDigestFull(digest);
    sink += encodedBytes(rendered);
    full.push(rendered);
  }
  const fullMs = (performance.now() - start) / count;

  collectGarbage();
  const cached: RenderedDigest[] = [];
  start = performance.now();
  for (const digest of digests) {
    const rendered = renderer.renderCached(digest);
    sink += encodedBytes(rendered);
    cached.push(rendered);
  }
  const cachedMs = (performance.now() - start) / count;

  collectGarbage();
  const baseline: RenderedDigest[] = [];
  start = performance.now();
  for (const digest of digests) {
    const rendered = baselineDigest(digest);
    sink += encodedBytes(rendered);
    baseline.push(rendered);
  }
  const baselineMs = (performance.now() - start) / count;

  if (sink <= 0) throw new Error('Benchmark produced no output');
  const same = (a: RenderedDigest, b: RenderedDigest) => a.html === b.html && a.text === b.text;
  return {
    iterations: count,
    papersPerDigest: PAPERS_PER_DIGEST,
    nodeEnv: process.env.NODE_ENV ?? '(unset: React development build)',
    fullMs,
    cachedMs,
    baselineMs,
    prepareMs,
    poolPapers: pool.length,
    maxHtmlBytes: Math.max(...full.map((r) => Buffer.byteLength(r.html, 'utf8'))),
    cachedIdentical: full.every((r, i) => same(r, cached[i])),
    baselineIdentical: full.every((r, i) => same(r, baseline[i])),
  };
}
