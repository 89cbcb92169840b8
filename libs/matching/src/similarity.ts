import type { IndexablePaper, PaperIndex } from './paper-index.js';
import { analyze } from './text-analysis.js';

export type SparseVector = ReadonlyMap<string, number>;

// The title says what a paper is about in a few words; counting its terms
// twice keeps a long abstract from drowning it.
const TITLE_REPEAT = 2;

/** Term counts of title (counted twice), abstract and keywords: the bag of words every paper vector starts from. */
export function termCounts(paper: IndexablePaper): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, times: number) => {
    // Joined forms of hyphenated words would count those words twice.
    for (const token of analyze(text)) if (token.start === token.end) counts.set(token.term, (counts.get(token.term) ?? 0) + times);
  };
  add(paper.title, TITLE_REPEAT);
  add(paper.abstract, 1);
  for (const keyword of paper.keywords ?? []) add(keyword, 1);
  return counts;
}

/** Unit-length TF-IDF vector: sublinear term frequency (1 + ln tf) times IDF. */
export function tfIdfVector(paper: IndexablePaper, idf: (term: string) => number): SparseVector {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of termCounts(paper)) {
    const weight = (1 + Math.log(count)) * idf(term);
    if (weight <= 0) continue;
    vector.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

/** Cosine of two unit vectors: 0 (nothing shared) to 1 (same direction). */
export function cosineSimilarity(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return Math.max(0, Math.min(1, dot));
}

/**
 * Paper-to-paper similarity for feedback. IDF comes from the day's index, so
 * words every paper uses ("reinforcement", "model") count for little; papers
 * outside the index (liked on earlier days) are vectorised the same way.
 */
export function tfIdfSimilarity(index: PaperIndex, papers: Iterable<IndexablePaper>): (a: string, b: string) => number {
  return similarityOver(tfIdfVectors(index, papers));
}

/** TF-IDF vectors by paper id, with IDF from `index`; build them once and share them across readers. */
export function tfIdfVectors(index: PaperIndex, papers: Iterable<IndexablePaper>): Map<string, SparseVector> {
  const idf = (term: string) => index.inverseDocumentFrequency(term);
  const vectors = new Map<string, SparseVector>();
  for (const paper of papers) vectors.set(paper.id, tfIdfVector(paper, idf));
  return vectors;
}

/** Cosine similarity between papers found in any of `vectorSets` (0 when either is unknown). */
export function similarityOver(...vectorSets: ReadonlyArray<ReadonlyMap<string, SparseVector>>): (a: string, b: string) => number {
  const vector = (id: string) => {
    for (const set of vectorSets) {
      const found = set.get(id);
      if (found) return found;
    }
    return undefined;
  };
  return (a, b) => {
    const va = vector(a);
    const vb = vector(b);
    return va && vb ? cosineSimilarity(va, vb) : 0;
  };
}
