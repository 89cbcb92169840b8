import type { PaperIndex, PaperMatch } from './paper-index.js';
import { keywordKey, keywordQuery, parseQuery, QuerySyntaxError, type Query, type QueryNode } from './query.js';
import type { RankingCandidate, Relevance } from './ranking.js';
import { blendRelevance, closeInMeaning, DEFAULT_KEYWORD_SEMANTICS, semanticMatches, type SemanticOptions } from './semantic-matching.js';
import { terms } from './text-analysis.js';
import type { VectorTable } from './vectors.js';

export interface TopicQuery {
  id: string;
  /** Name and description: a keyword that names a topic borrows its query (see keywordMatches). */
  name: string;
  description?: string;
  query: string;
}

/** Relevance per interest and paper: topic id or keyword key → paper id → relevance. */
export interface InterestScores {
  topics: Map<string, Map<string, Relevance>>;
  keywords: Map<string, Map<string, Relevance>>;
  /** Topics whose stored query does not parse; they match nothing until fixed. */
  errors: Array<{ topicId: string; message: string }>;
}

/**
 * How much a keyword's borrowed topic counts next to the keyword itself: a
 * paper found only through the topic reaches at most this relevance, below
 * papers that use the subscriber's own words.
 */
export const BORROWED_TOPIC_WEIGHT = 0.5;

function leavesOf(node: QueryNode): string[] {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [node.text];
    case 'not':
      return [];
    default:
      return node.children.flatMap(leavesOf);
  }
}

/**
 * A keyword names a topic when every word of it is in the topic's name
 * ("robotics" → "Robotics and control", "personalized alignment" →
 * "Personalization and pluralistic alignment"), when the description says it
 * ("multimodal reasoning" → "…: VLMs, multimodal reasoning."), or when it is
 * one of the topic query's own terms ("diffusion"). Compared after stemming.
 */
export function keywordNamesTopic(keyword: string, topic: { name: string; description?: string; query: Query }): boolean {
  const words = terms(keyword);
  if (words.length === 0) return false;
  const nameTerms = new Set(terms(topic.name));
  if (words.every((t) => nameTerms.has(t))) return true;
  const phrase = ` ${words.join(' ')} `;
  if (topic.description && ` ${terms(topic.description).join(' ')} `.includes(phrase)) return true;
  return topic.query.clauses.flatMap(leavesOf).some((leaf) => ` ${terms(leaf).join(' ')} ` === phrase);
}

/**
 * Matches for one keyword: its own words first, and papers of any catalog
 * topic it names, at BORROWED_TOPIC_WEIGHT. Relevances combine as a noisy OR,
 * so a paper found both ways ranks above one found either way.
 */
export function keywordMatches(
  index: PaperIndex,
  keyword: string,
  topics: ReadonlyArray<{ name: string; description?: string; query: Query; matches: readonly PaperMatch[] }>,
): PaperMatch[] {
  const found = new Map<string, PaperMatch>();
  for (const match of index.search(keywordQuery(keyword))) found.set(match.paperId, { ...match, reasons: [...match.reasons] });
  for (const topic of topics) {
    if (!keywordNamesTopic(keyword, topic)) continue;
    for (const match of topic.matches) {
      const borrowed = BORROWED_TOPIC_WEIGHT * match.relevance;
      const own = found.get(match.paperId);
      if (own) {
        own.relevance = 1 - (1 - own.relevance) * (1 - borrowed);
      } else {
        found.set(match.paperId, { paperId: match.paperId, score: 0, relevance: borrowed, reasons: match.reasons.map((r) => `${r} (topic ${topic.name})`) });
      }
    }
  }
  return [...found.values()].sort((a, b) => b.relevance - a.relevance || b.score - a.score || (a.paperId < b.paperId ? -1 : 1));
}

/** A topic's parsed query and its matches over the run's index (what keywordMatches borrows from). */
export interface SearchedTopic {
  id: string;
  name: string;
  description?: string;
  query: Query;
  matches: PaperMatch[];
}

export const toRelevanceMap = (matches: readonly PaperMatch[]) =>
  new Map(matches.map((m): [string, Relevance] => [m.paperId, { score: m.relevance, reasons: m.reasons }]));

/** Runs each topic query once; a stored query that no longer parses matches nothing and is reported. */
export function searchTopics(index: PaperIndex, topics: readonly TopicQuery[]): { searched: SearchedTopic[]; errors: InterestScores['errors'] } {
  const searched: SearchedTopic[] = [];
  const errors: InterestScores['errors'] = [];
  for (const topic of topics) {
    try {
      const query = parseQuery(topic.query);
      searched.push({ id: topic.id, name: topic.name, description: topic.description, query, matches: index.search(query) });
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      errors.push({ topicId: topic.id, message: error.message });
    }
  }
  return { searched, errors };
}

/** One keyword's relevance per paper; a keyword of stop words only ("the") matches nothing, which is not an error. */
export function scoreKeyword(index: PaperIndex, keyword: string, searched: readonly SearchedTopic[]): Map<string, Relevance> {
  try {
    return toRelevanceMap(keywordMatches(index, keyword, searched));
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    return new Map();
  }
}

/** What a keyword means, for scoreKeywordWithMeaning: its vector and the run's paper vectors (same embedder). */
export interface KeywordMeaning {
  vector: Float32Array;
  papers: VectorTable;
  options?: SemanticOptions;
}

/**
 * One keyword's relevance by its words (scoreKeyword) and by its meaning
 * (semanticMatches), blended (blendRelevance): "opinion mining" also finds
 * papers on sentiment analysis, with the reason `close in meaning to 'opinion mining'`.
 */
export function scoreKeywordWithMeaning(index: PaperIndex, keyword: string, searched: readonly SearchedTopic[], meaning: KeywordMeaning): Map<string, Relevance> {
  const literal = scoreKeyword(index, keyword, searched);
  return blendRelevance(literal, semanticMatches(meaning.vector, closeInMeaning(keyword), meaning.papers, meaning.options ?? DEFAULT_KEYWORD_SEMANTICS));
}

/**
 * Papers matching an excluded keyword: the keyword's own words by the same
 * rules as keywordQuery (exact phrase, or every word anywhere), but neither
 * the topics it names nor its meaning, so an exclusion removes exactly what
 * its words say. One search per distinct keyword per run, by keywordKey.
 */
export function keywordExclusions(index: PaperIndex, keywords: Iterable<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const keyword of keywords) {
    const key = keywordKey(keyword);
    if (found.has(key)) continue;
    try {
      found.set(key, new Set(index.search(keywordQuery(keyword)).map((m) => m.paperId)));
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      found.set(key, new Set());
    }
  }
  return found;
}

/**
 * Runs each topic query once and each distinct keyword once (case and spacing
 * ignored) over the day's index. Subscribers only combine these results, so
 * the search work does not grow with the number of subscribers.
 */
export function scoreInterests(index: PaperIndex, topics: readonly TopicQuery[], keywords: Iterable<string>): InterestScores {
  const { searched, errors } = searchTopics(index, topics);
  const scores: InterestScores = { topics: new Map(searched.map((t) => [t.id, toRelevanceMap(t.matches)])), keywords: new Map(), errors };
  for (const keyword of keywords) {
    const key = keywordKey(keyword);
    if (!scores.keywords.has(key)) scores.keywords.set(key, scoreKeyword(index, keyword, searched));
  }
  return scores;
}

export interface CandidatePaper {
  id: string;
  upvotes: number | null;
  featuredDate: string | null;
  withdrawn?: boolean;
}

/** Seed similarities, exclusions and paper vectors for rankingCandidates, all optional. */
export interface CandidateExtras {
  /** Seed paper id → relevance per paper (seedMatches). */
  seeds?: ReadonlyMap<string, ReadonlyMap<string, Relevance>>;
  /** keywordKey → papers matching that excluded keyword (keywordExclusions). */
  exclusions?: ReadonlyMap<string, ReadonlySet<string>>;
  vectors?: ReadonlyMap<string, Float32Array>;
}

/** The day's candidates with every interest they match, shared by all subscribers' rankings. */
export function rankingCandidates(papers: readonly CandidatePaper[], scores: InterestScores, extras: CandidateExtras = {}): RankingCandidate[] {
  const byPaper = (from: ReadonlyMap<string, ReadonlyMap<string, Relevance>>, paperId: string) => {
    const found = new Map<string, Relevance>();
    for (const [interest, matches] of from) {
      const relevance = matches.get(paperId);
      if (relevance) found.set(interest, relevance);
    }
    return found;
  };
  return papers.map((paper) => ({
    paperId: paper.id,
    upvotes: paper.upvotes,
    featuredDate: paper.featuredDate,
    withdrawn: paper.withdrawn ?? false,
    topics: byPaper(scores.topics, paper.id),
    keywords: byPaper(scores.keywords, paper.id),
    ...(extras.seeds ? { seeds: byPaper(extras.seeds, paper.id) } : {}),
    ...(extras.exclusions ? { exclusions: new Set([...extras.exclusions].filter(([, ids]) => ids.has(paper.id)).map(([key]) => key)) } : {}),
    ...(extras.vectors?.has(paper.id) ? { vector: extras.vectors.get(paper.id) } : {}),
  }));
}
