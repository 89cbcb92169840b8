import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDailyPapersEntries, parseListingPage, type NormalizedPaper } from '@app/ingest';
import {
  blendRelevance,
  closeInMeaning,
  DEFAULT_KEYWORD_SEMANTICS,
  keywordMatches,
  PaperIndex,
  parseQuery,
  semanticMatches,
  TOPIC_CATALOG,
  VectorTable,
  type Bm25fParameters,
  type CatalogTopic,
  type LsaModel,
  type PaperMatch,
  type SemanticOptions,
} from '../src/index.js';

/**
 * Offline evaluation of the matcher against hand labels (eval/labels.json).
 * Each split is indexed on its own, as a day's batch would be, and every
 * topic and keyword is searched; the ranked list is compared with the labels.
 */

export interface PageInfo {
  file: string;
  year: number;
  role: 'tuning' | 'held-out';
}

export interface Labels {
  about: string;
  pages: Record<string, PageInfo>;
  papers: Array<{ id: string; pages: string[]; title: string }>;
  topics: Record<string, string[]>;
  keywords: Record<string, string[]>;
}

export interface EvalData {
  papers: NormalizedPaper[];
  labels: Labels;
  /** Paper id → the pages it is listed on, from the saved pages themselves. */
  pagesOf: Map<string, string[]>;
}

export interface InterestResult {
  kind: 'topic' | 'keyword';
  name: string;
  /** Labelled relevant papers in the split. */
  relevant: number;
  /** Papers the query matched at all. */
  matched: number;
  hitsAt5: number;
  hitsAt10: number;
  /** Relevant in top 5 / min(5, relevant). */
  precisionAt5: number;
  /** Relevant in top 10 / min(10, relevant). */
  precisionAt10: number;
  /** Relevant in top 10 / 10. */
  plainPrecisionAt10: number;
  recallAt5: number;
  recallAt10: number;
}

export interface Means {
  count: number;
  precisionAt5: number;
  precisionAt10: number;
  plainPrecisionAt10: number;
  recallAt5: number;
  recallAt10: number;
}

export interface SplitResult {
  name: string;
  pages: string[];
  papers: number;
  rows: InterestResult[];
  /** Interests with no relevant paper in the split cannot be scored and are left out. */
  skipped: string[];
  means: { topics: Means; keywords: Means; all: Means };
}

export interface EvalOptions {
  catalog?: readonly CatalogTopic[];
  bm25f?: Bm25fParameters;
  /** Blend each keyword's meaning into its matches (scoreKeywordWithMeaning), as the digest does. */
  meaning?: { model: LsaModel; vectors: ReadonlyMap<string, Float32Array>; options?: SemanticOptions };
}

const LABELS_PATH = 'libs/matching/eval/labels.json';
const SAMPLE_PATH = 'libs/ingest/sample/daily-papers-sample.json';

/** The repository root, from source (jest) or from dist/ (the compiled script). */
export function findRepoRoot(start: string = import.meta.dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, LABELS_PATH))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${LABELS_PATH} above ${start}`);
  }
}

export function loadEvalData(root: string = findRepoRoot()): EvalData {
  const labels = JSON.parse(readFileSync(path.join(root, LABELS_PATH), 'utf8')) as Labels;
  const { papers, skipped } = parseDailyPapersEntries(JSON.parse(readFileSync(path.join(root, SAMPLE_PATH), 'utf8')), 'sample');
  if (skipped.length > 0) throw new Error(`${skipped.length} sample entries did not parse`);

  const pagesOf = new Map<string, string[]>();
  for (const [page, info] of Object.entries(labels.pages)) {
    const listing = parseListingPage(readFileSync(path.join(root, info.file), 'utf8'), { year: info.year });
    for (const paper of listing.papers) pagesOf.set(paper.id, [...(pagesOf.get(paper.id) ?? []), page]);
  }

  // The labels were written against this exact sample; any drift makes the figures meaningless.
  const known = new Set(papers.map((p) => p.arxivId));
  for (const paper of labels.papers) {
    const pages = pagesOf.get(paper.id)?.join(',');
    if (!known.has(paper.id) || pages !== paper.pages.join(',')) throw new Error(`labels.json is out of date for ${paper.id} (${paper.title})`);
  }
  if (labels.papers.length !== papers.length) throw new Error('labels.json does not list every sample paper');
  for (const ids of [...Object.values(labels.topics), ...Object.values(labels.keywords)]) {
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new Error(`labels.json names unknown paper ${unknown}`);
  }
  return { papers, labels, pagesOf };
}

function rate(hits: number, of: number): number {
  return of === 0 ? 0 : hits / of;
}

export function scoreInterest(kind: InterestResult['kind'], name: string, ranked: string[], relevant: Set<string>): InterestResult {
  const hits = (k: number) => ranked.slice(0, k).filter((id) => relevant.has(id)).length;
  const hitsAt5 = hits(5);
  const hitsAt10 = hits(10);
  return {
    kind,
    name,
    relevant: relevant.size,
    matched: ranked.length,
    hitsAt5,
    hitsAt10,
    precisionAt5: rate(hitsAt5, Math.min(5, relevant.size)),
    precisionAt10: rate(hitsAt10, Math.min(10, relevant.size)),
    plainPrecisionAt10: hitsAt10 / 10,
    recallAt5: rate(hitsAt5, relevant.size),
    recallAt10: rate(hitsAt10, relevant.size),
  };
}

export function meansOf(rows: readonly InterestResult[]): Means {
  const mean = (pick: (r: InterestResult) => number) => (rows.length === 0 ? 0 : rows.reduce((sum, r) => sum + pick(r), 0) / rows.length);
  return {
    count: rows.length,
    precisionAt5: mean((r) => r.precisionAt5),
    precisionAt10: mean((r) => r.precisionAt10),
    plainPrecisionAt10: mean((r) => r.plainPrecisionAt10),
    recallAt5: mean((r) => r.recallAt5),
    recallAt10: mean((r) => r.recallAt10),
  };
}

/** Searches every topic and keyword over the papers of the given pages only. */
export function evaluateSplit(data: EvalData, name: string, pages: readonly string[], options: EvalOptions = {}): SplitResult {
  const inSplit = data.papers.filter((p) => (data.pagesOf.get(p.arxivId) ?? []).some((page) => pages.includes(page)));
  const ids = new Set(inSplit.map((p) => p.arxivId));
  const index = PaperIndex.build(
    inSplit.map((p) => ({ id: p.arxivId, title: p.title, abstract: p.abstract, keywords: p.keywords })),
    options.bm25f,
  );

  const rows: InterestResult[] = [];
  const skipped: string[] = [];
  const run = (kind: InterestResult['kind'], label: string, ranked: readonly PaperMatch[], labelled: readonly string[]) => {
    const relevant = new Set(labelled.filter((id) => ids.has(id)));
    if (relevant.size === 0) {
      skipped.push(`${kind} ${label}`);
      return;
    }
    rows.push(scoreInterest(kind, label, ranked.map((m) => m.paperId), relevant));
  };
  // The same searches the digest runs: topic queries, then keywords with the topics they name.
  const topics = (options.catalog ?? TOPIC_CATALOG).map((topic) => {
    const query = parseQuery(topic.query);
    return { slug: topic.slug, name: topic.name, description: topic.description, query, matches: index.search(query) };
  });
  for (const topic of topics) run('topic', topic.slug, topic.matches, data.labels.topics[topic.slug] ?? []);
  const meaning = options.meaning;
  const vectors = meaning ? new VectorTable([...ids], [...ids].map((id) => meaning.vectors.get(id)!)) : undefined;
  for (const [keyword, labelled] of Object.entries(data.labels.keywords)) {
    let matches = keywordMatches(index, keyword, topics);
    if (meaning && vectors) {
      const literal = new Map(matches.map((m) => [m.paperId, { score: m.relevance, reasons: m.reasons }]));
      const blended = blendRelevance(literal, semanticMatches(meaning.model.embedText(keyword), closeInMeaning(keyword), vectors, meaning.options ?? DEFAULT_KEYWORD_SEMANTICS));
      matches = [...blended]
        .map(([paperId, r]) => ({ paperId, score: r.score, relevance: r.score, reasons: [...r.reasons] }))
        .sort((a, b) => b.relevance - a.relevance || (a.paperId < b.paperId ? -1 : 1));
    }
    run('keyword', keyword, matches, labelled);
  }

  return {
    name,
    pages: [...pages],
    papers: inSplit.length,
    rows,
    skipped,
    means: {
      topics: meansOf(rows.filter((r) => r.kind === 'topic')),
      keywords: meansOf(rows.filter((r) => r.kind === 'keyword')),
      all: meansOf(rows),
    },
  };
}

const fixed = (n: number) => n.toFixed(2);

function line(cells: Array<string | number>, widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
}

export function formatSplit(result: SplitResult): string {
  const widths = [34, 4, 4, 5, 5, 6, 5, 5];
  const out = [
    `${result.name}: page${result.pages.length > 1 ? 's' : ''} ${result.pages.join('+')}, ${result.papers} papers`,
    line(['interest', 'rel', 'hit', 'P@5', 'P@10', 'p@10*', 'R@5', 'R@10'], widths),
  ];
  for (const r of result.rows) {
    out.push(
      line(
        [`${r.kind === 'topic' ? 'topic' : 'kw'} ${r.name}`, r.relevant, r.hitsAt10, fixed(r.precisionAt5), fixed(r.precisionAt10), fixed(r.plainPrecisionAt10), fixed(r.recallAt5), fixed(r.recallAt10)],
        widths,
      ),
    );
  }
  for (const [label, m] of [
    ['mean, topics', result.means.topics],
    ['mean, keywords', result.means.keywords],
    ['mean, all', result.means.all],
  ] as const) {
    out.push(line([`${label} (${m.count})`, '', '', fixed(m.precisionAt5), fixed(m.precisionAt10), fixed(m.plainPrecisionAt10), fixed(m.recallAt5), fixed(m.recallAt10)], widths));
  }
  if (result.skipped.length > 0) out.push(`no relevant paper on these pages, not scored: ${result.skipped.join(', ')}`);
  return out.join('\n');
}

export const REPORT_HEADER = [
  'Matcher evaluation against libs/matching/eval/labels.json (hand-labelled from titles and abstracts).',
  'rel = labelled relevant papers in the split; hit = relevant among the top 10.',
  'P@k = relevant in top k / min(k, rel): a topic with 4 relevant papers can still reach 1.00.',
  'p@10* = plain precision, relevant in top 10 / 10. R@k = recall, relevant in top k / rel.',
  'Queries were tuned on pages a+b only; page c is held out.',
].join('\n');
