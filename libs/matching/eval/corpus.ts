import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPIC_CATALOG, type IndexablePaper } from '../src/index.js';
import { findRepoRoot, loadEvalData, type EvalData } from './evaluation.js';

/*
 * The whole evaluation corpus: the 132 bundled sample papers (real, all RL for
 * language models; pages a, b, c) plus the synthetic papers written for the
 * other areas of AI (parts s1, s2), with every label file. Tuning looks at
 * pages a+b and part s1 only; page c and part s2 are held out.
 */

export type Part = 'a' | 'b' | 'c' | 's1' | 's2';

export const TUNING_PARTS: readonly Part[] = ['a', 'b', 's1'];
export const HELD_OUT_PARTS: readonly Part[] = ['c', 's2'];

export interface CorpusPaper extends IndexablePaper {
  keywords: string[];
  /** Pages (a, b, c) a sample paper is listed on, or the synthetic part (s1, s2). */
  parts: Part[];
  synthetic: boolean;
  upvotes: number | null;
  featuredDate: string | null;
}

export interface ParaphraseCase {
  split: 'tuning' | 'held-out';
  interest: string;
  relevant: string[];
  note: string;
}

export interface RatingCase {
  split: 'tuning' | 'held-out';
  name: string;
  /** The reader's interests. */
  topics: string[];
  keywords: string[];
  /** Papers rated 👍 and 👎; the evaluation watches the other papers of each family. */
  liked: string[];
  disliked: string[];
  /** Family of the liked papers and of the disliked ones (every member, rated or not). */
  likedFamily: string[];
  dislikedFamily: string[];
}

interface AllOfAiLabels {
  about: string;
  topics: Record<string, string[]>;
  paraphrases: ParaphraseCase[];
  ratings: RatingCase[];
}

interface SyntheticFile {
  about: string;
  papers: Array<{ id: string; split: 's1' | 's2'; title: string; abstract: string }>;
}

export interface Corpus {
  papers: CorpusPaper[];
  byId: Map<string, CorpusPaper>;
  /** Topic slug → relevant paper ids over the whole corpus (labels.json for sample papers, all-of-ai-labels.json for the rest). */
  topicLabels: Map<string, Set<string>>;
  /** Keyword → relevant sample papers (labels.json). */
  keywordLabels: Map<string, Set<string>>;
  paraphrases: ParaphraseCase[];
  ratings: RatingCase[];
  sample: EvalData;
}

const SYNTHETIC_PATH = 'libs/matching/eval/synthetic-papers.json';
const LABELS_PATH = 'libs/matching/eval/all-of-ai-labels.json';

export function loadCorpus(root: string = findRepoRoot()): Corpus {
  const sample = loadEvalData(root);
  const synthetic = JSON.parse(readFileSync(path.join(root, SYNTHETIC_PATH), 'utf8')) as SyntheticFile;
  const labels = JSON.parse(readFileSync(path.join(root, LABELS_PATH), 'utf8')) as AllOfAiLabels;

  const papers: CorpusPaper[] = [
    ...sample.papers.map(
      (p): CorpusPaper => ({
        id: p.arxivId,
        title: p.title,
        abstract: p.abstract,
        keywords: p.keywords,
        parts: (sample.pagesOf.get(p.arxivId) ?? []) as Part[],
        synthetic: false,
        upvotes: p.upvotes,
        featuredDate: p.featuredDate,
      }),
    ),
    ...synthetic.papers.map(
      (p): CorpusPaper => ({ id: p.id, title: p.title, abstract: p.abstract, keywords: [], parts: [p.split], synthetic: true, upvotes: null, featuredDate: null }),
    ),
  ];
  const byId = new Map(papers.map((p) => [p.id, p]));
  if (byId.size !== papers.length) throw new Error('duplicate paper id in the evaluation corpus');

  const known = (ids: readonly string[], where: string) => {
    const unknown = ids.find((id) => !byId.has(id));
    if (unknown) throw new Error(`${where} names unknown paper ${unknown}`);
    return ids;
  };
  const topicLabels = new Map<string, Set<string>>();
  for (const topic of TOPIC_CATALOG) {
    const ids = [...(sample.labels.topics[topic.slug] ?? []), ...known(labels.topics[topic.slug] ?? [], `topic ${topic.slug}`)];
    topicLabels.set(topic.slug, new Set(ids));
  }
  const unlisted = Object.keys(labels.topics).find((slug) => !topicLabels.has(slug));
  if (unlisted) throw new Error(`all-of-ai-labels.json labels ${unlisted}, which is not in the catalog`);
  for (const c of labels.paraphrases) known(c.relevant, `paraphrase "${c.interest}"`);
  for (const c of labels.ratings) known([...c.liked, ...c.disliked, ...c.likedFamily, ...c.dislikedFamily], `rating case ${c.name}`);

  return {
    papers,
    byId,
    topicLabels,
    keywordLabels: new Map(Object.entries(sample.labels.keywords).map(([k, ids]) => [k, new Set(ids)])),
    paraphrases: labels.paraphrases,
    ratings: labels.ratings,
    sample,
  };
}

export function inParts(papers: readonly CorpusPaper[], parts: readonly Part[]): CorpusPaper[] {
  return papers.filter((p) => p.parts.some((part) => parts.includes(part)));
}
