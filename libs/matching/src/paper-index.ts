import { summarizeHits, type Hit } from './match-reasons.js';
import { distinctAlternatives, spellingsOf, type LeafNode, type Step } from './phrase-spellings.js';
import { parseQuery, QUERY_FIELDS, type Query, type QueryField, type QueryNode } from './query.js';
import { forEachToken } from './text-analysis.js';

export interface IndexablePaper {
  id: string;
  title: string;
  abstract: string;
  keywords?: readonly string[];
}

/**
 * BM25F: in each field the term frequency is made sublinear (1 + ln tf) and
 * length-normalised, the fields are weighted and summed, the sum is saturated
 * once (tf / (k1 + tf)) and multiplied by the term's IDF. Sublinear counts and
 * one saturation over all fields are what keep a word repeated twenty times
 * in the abstract from outscoring the same word in the title.
 */
export interface Bm25fParameters {
  /** Saturation: how fast extra occurrences stop counting. */
  k1: number;
  weights: Readonly<Record<QueryField, number>>;
  /** Length normalisation per field, 0 (none) to 1 (full). */
  b: Readonly<Record<QueryField, number>>;
}

export const DEFAULT_BM25F: Bm25fParameters = {
  k1: 1.2,
  weights: { title: 4, abstract: 1, keywords: 2 },
  b: { title: 0.3, abstract: 0.75, keywords: 0.3 },
};

export interface PaperMatch {
  paperId: string;
  /** Raw BM25F score: comparable within one query only. */
  score: number;
  /**
   * 0..1, comparable across queries: 1 − e^(−score / reference), where the
   * reference is what a paper would score with the query's strongest clause
   * once in its title and once in its abstract (→ 0.63). Monotonic in the
   * score, so it orders papers exactly as the score does.
   */
  relevance: number;
  /** Strongest evidence first, e.g. `'reward model' in title and abstract`. */
  reasons: string[];
}

const FIELD_COUNT = QUERY_FIELDS.length;
const FIELD_INDEX: Readonly<Record<QueryField, number>> = { title: 0, abstract: 1, keywords: 2 };
// Keeps phrases from running from one keyword into the next.
const KEYWORD_GAP = 3;

/** Where a term occurs in one field: start and end positions, flat ([s0, e0, s1, e1, …]) to keep indexing cheap. */
type Occurrences = number[];

/** Occurrences of one term in one paper, by field. */
type FieldOccurrences = Array<Occurrences | undefined>;

interface Leaf {
  label: string;
  field: QueryField | null;
  boost: number;
  /** Alternative spellings ("self-play" as `self play` or `selfplai`); any may match. */
  variants: Step[][];
}

type LeafCache = Map<LeafNode, Map<number, number[]>>;

interface Scored {
  score: number;
  hits: Hit[];
}

/** Visits every token of the paper with its field (0 title, 1 abstract, 2 keywords). */
function forEachFieldToken(paper: IndexablePaper, visit: (field: number, term: string, start: number, end: number) => void): void {
  forEachToken(paper.title, (term, start, end) => visit(0, term, start, end));
  forEachToken(paper.abstract, (term, start, end) => visit(1, term, start, end));
  let offset = 0;
  for (const keyword of paper.keywords ?? []) {
    let last = 0;
    forEachToken(keyword, (term, start, end) => {
      visit(2, term, start + offset, end + offset);
      last = Math.max(last, end);
    });
    offset += last + KEYWORD_GAP;
  }
}

function leafOf(node: LeafNode): Leaf {
  return { label: node.text, field: node.field, boost: node.boost, variants: spellingsOf(node.text) };
}

function saturate(tf: number, k1: number): number {
  return tf / (k1 + tf);
}

function inverseDocumentFrequency(documents: number, withTerm: number): number {
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
}

/**
 * In-memory positional index over one batch of papers (a day's candidates).
 * Built once; each query then touches only the postings of its own terms, so
 * running every topic and every distinct keyword costs the same whatever the
 * number of subscribers.
 */
export class PaperIndex {
  private readonly ids: string[] = [];
  private readonly lengths: number[][] = [];
  private readonly averageLengths: number[];
  private readonly postings = new Map<string, Map<number, FieldOccurrences>>();

  private constructor(
    papers: readonly IndexablePaper[],
    readonly parameters: Bm25fParameters,
  ) {
    const seen = new Set<string>();
    const totals = new Array<number>(FIELD_COUNT).fill(0);
    for (const paper of papers) {
      if (seen.has(paper.id)) throw new Error(`duplicate paper id ${paper.id}`);
      seen.add(paper.id);
      const doc = this.ids.push(paper.id) - 1;
      const lengths = [0, 0, 0];
      // Gathered per paper first: one look-up in the shared postings per distinct term, not per word.
      const own = new Map<string, FieldOccurrences>();
      forEachFieldToken(paper, (field, term, start, end) => {
        // Field length counts words, not the extra joined forms of hyphenated ones.
        if (start === end) lengths[field]++;
        let occurrences = own.get(term);
        if (!occurrences) own.set(term, (occurrences = [undefined, undefined, undefined]));
        (occurrences[field] ??= []).push(start, end);
      });
      this.lengths.push(lengths);
      lengths.forEach((n, f) => (totals[f] += n));
      for (const [term, occurrences] of own) {
        let byDoc = this.postings.get(term);
        if (!byDoc) this.postings.set(term, (byDoc = new Map()));
        byDoc.set(doc, occurrences);
      }
    }
    this.averageLengths = totals.map((total) => Math.max(1, total / Math.max(1, papers.length)));
  }

  static build(papers: readonly IndexablePaper[], parameters: Bm25fParameters = DEFAULT_BM25F): PaperIndex {
    return new PaperIndex(papers, parameters);
  }

  get size(): number {
    return this.ids.length;
  }

  /** How many indexed papers contain the (analysed) term anywhere. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  inverseDocumentFrequency(term: string): number {
    return inverseDocumentFrequency(this.size, this.documentFrequency(term));
  }

  /** Matching papers, best first (ties by id, so results are stable). */
  search(query: Query | string): PaperMatch[] {
    const parsed = typeof query === 'string' ? parseQuery(query) : query;
    const cache: LeafCache = new Map();
    const clauses = distinctAlternatives(parsed.clauses);
    const found = new Map<number, Scored>();
    for (const clause of clauses) addInto(found, this.evaluate(clause, cache));
    for (const exclusion of parsed.exclusions) for (const doc of this.evaluate(exclusion, cache).keys()) found.delete(doc);

    const reference = Math.max(0, ...clauses.map((clause) => this.idealScore(clause, cache)));
    return [...found.entries()]
      .map(([doc, partial]) => ({
        paperId: this.ids[doc],
        score: partial.score,
        relevance: reference > 0 ? 1 - Math.exp(-partial.score / reference) : 0,
        reasons: summarizeHits(partial.hits),
      }))
      .sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1));
  }

  private evaluate(node: QueryNode, cache: LeafCache): Map<number, Scored> {
    switch (node.kind) {
      case 'term':
      case 'phrase':
        return this.scoreLeaf(node, cache);
      case 'not':
        return this.evaluate(node.child, cache);
      case 'any': {
        const found = new Map<number, Scored>();
        for (const child of distinctAlternatives(node.children)) addInto(found, this.evaluate(child, cache));
        return scaled(found, node.boost);
      }
      case 'all': {
        const positives = node.children.filter((child) => child.kind !== 'not').map((child) => this.evaluate(child, cache));
        const negatives = node.children.filter((child) => child.kind === 'not').map((child) => this.evaluate(child, cache));
        const [first, ...rest] = positives.sort((a, b) => a.size - b.size);
        const found = new Map<number, Scored>();
        for (const [doc, partial] of first ?? []) {
          if (rest.some((m) => !m.has(doc)) || negatives.some((m) => m.has(doc))) continue;
          found.set(doc, { score: partial.score, hits: [...partial.hits] });
          for (const m of rest) addInto(found, new Map([[doc, m.get(doc) as Scored]]));
        }
        return scaled(found, node.boost);
      }
    }
  }

  /** Per paper, how often the leaf occurs in each field; once per leaf per search. */
  private leafFrequencies(node: LeafNode, cache: LeafCache): Map<number, number[]> {
    let frequencies = cache.get(node);
    if (!frequencies) cache.set(node, (frequencies = this.countOccurrences(leafOf(node))));
    return frequencies;
  }

  private countOccurrences(leaf: Leaf): Map<number, number[]> {
    const fields = leaf.field ? [FIELD_INDEX[leaf.field]] : [0, 1, 2];
    const single = leaf.variants.length === 1;
    const counts = new Map<number, number[]>();
    // With several spellings, distinct start positions: "self-play" found as parts and as the joined word counts once.
    const starts = new Map<number, Array<Set<number>>>();
    for (const variant of leaf.variants) {
      const lists = variant.map((step) => this.postings.get(step.term));
      if (lists.some((list) => !list)) continue;
      const [firstList, ...others] = lists as Array<Map<number, FieldOccurrences>>;
      // Walk the rarest term's papers: a phrase can only be where all its terms are.
      const rarest = (lists as Array<Map<number, FieldOccurrences>>).reduce((a, b) => (b.size < a.size ? b : a));
      for (const doc of rarest.keys()) {
        const firstOccurrences = firstList.get(doc);
        if (!firstOccurrences || others.some((list) => !list.has(doc))) continue;
        for (const field of fields) {
          const first = firstOccurrences[field];
          if (!first) continue;
          const rest = others.map((list) => (list.get(doc) as FieldOccurrences)[field]);
          if (rest.some((r) => !r)) continue;
          if (single) {
            const n = rest.length === 0 ? first.length / 2 : phraseStarts(first, rest as Occurrences[], variant).length;
            if (n === 0) continue;
            let perField = counts.get(doc);
            if (!perField) counts.set(doc, (perField = [0, 0, 0]));
            perField[field] = n;
          } else {
            const matched = phraseStarts(first, rest as Occurrences[], variant);
            if (matched.length === 0) continue;
            let perField = starts.get(doc);
            if (!perField) starts.set(doc, (perField = [new Set<number>(), new Set<number>(), new Set<number>()]));
            matched.forEach((start) => perField[field].add(start));
          }
        }
      }
    }
    for (const [doc, sets] of starts) counts.set(doc, sets.map((set) => set.size));
    return counts;
  }

  private scoreLeaf(node: LeafNode, cache: LeafCache): Map<number, Scored> {
    const leaf = leafOf(node);
    const frequencies = this.leafFrequencies(node, cache);
    const idf = inverseDocumentFrequency(this.size, frequencies.size);
    const { k1, weights, b } = this.parameters;
    const found = new Map<number, Scored>();
    for (const [doc, tf] of frequencies) {
      let pseudo = 0;
      const fields = new Set<QueryField>();
      QUERY_FIELDS.forEach((name, f) => {
        if (tf[f] === 0) return;
        fields.add(name);
        const norm = 1 - b[name] + (b[name] * this.lengths[doc][f]) / this.averageLengths[f];
        pseudo += (weights[name] * (1 + Math.log(tf[f]))) / norm;
      });
      const score = leaf.boost * idf * saturate(pseudo, k1);
      found.set(doc, { score, hits: [{ label: leaf.label, fields, score }] });
    }
    return found;
  }

  /**
   * What the node scores on a paper of average length that has it once in
   * the title and once in the abstract: the yardstick for `relevance`. A
   * clause no paper matches adds nothing, so absent synonyms in a long OR
   * list do not dilute everyone's relevance.
   */
  private idealScore(node: QueryNode, cache: LeafCache): number {
    const { k1, weights } = this.parameters;
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const df = this.leafFrequencies(node, cache).size;
        if (df === 0) return 0;
        const pseudo = node.field ? weights[node.field] : weights.title + weights.abstract;
        return node.boost * inverseDocumentFrequency(this.size, df) * saturate(pseudo, k1);
      }
      case 'not':
        return 0;
      case 'any':
        return node.boost * Math.max(0, ...distinctAlternatives(node.children).map((child) => this.idealScore(child, cache)));
      case 'all': {
        const parts = node.children.filter((child) => child.kind !== 'not').map((child) => this.idealScore(child, cache));
        return parts.some((p) => p === 0) ? 0 : node.boost * parts.reduce((sum, p) => sum + p, 0);
      }
    }
  }
}

/** Where the phrase starts in one field: each step right after the previous one, past as many stop words as the query had there. */
function phraseStarts(first: Occurrences, rest: Occurrences[], variant: Step[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < first.length; i += 2) {
    let ends = [first[i + 1]];
    for (let k = 0; k < rest.length && ends.length > 0; k++) {
      const step = rest[k];
      const gap = variant[k + 1].gap;
      const next: number[] = [];
      for (let j = 0; j < step.length; j += 2) if (ends.some((e) => step[j] === e + 1 + gap)) next.push(step[j + 1]);
      ends = next;
    }
    if (ends.length > 0) found.push(first[i]);
  }
  return found;
}

function addInto(target: Map<number, Scored>, source: Map<number, Scored>): void {
  for (const [doc, partial] of source) {
    const existing = target.get(doc);
    if (existing) {
      existing.score += partial.score;
      existing.hits.push(...partial.hits);
    } else {
      target.set(doc, { score: partial.score, hits: [...partial.hits] });
    }
  }
}

function scaled(found: Map<number, Scored>, boost: number): Map<number, Scored> {
  if (boost !== 1) {
    for (const partial of found.values()) {
      partial.score *= boost;
      partial.hits.forEach((hit) => (hit.score *= boost));
    }
  }
  return found;
}
