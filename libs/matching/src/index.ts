export { analyze, analyzeWords, foldCase, forEachToken, termOf, terms, STOP_WORDS, type AnalyzedToken, type AnalyzedWord } from './text-analysis.js';
export {
  keywordKey,
  keywordQuery,
  parseQuery,
  QuerySyntaxError,
  QUERY_FIELDS,
  type AllNode,
  type AnyNode,
  type NotNode,
  type PhraseNode,
  type Query,
  type QueryField,
  type QueryNode,
  type TermNode,
} from './query.js';
export { DEFAULT_BM25F, PaperIndex, type Bm25fParameters, type IndexablePaper, type PaperMatch } from './paper-index.js';
export { cosineSimilarity, similarityOver, tfIdfSimilarity, tfIdfVector, tfIdfVectors, type SparseVector } from './similarity.js';
export {
  combineRelevance,
  explainRanked,
  DEFAULT_RANKING_WEIGHTS,
  DEFAULT_TRENDING_OPTIONS,
  feedbackScore,
  popularity,
  rankForSubscriber,
  recency,
  trendingScore,
  type RankedPaper,
  type RankingCandidate,
  type RankingFeedback,
  type RankingInput,
  type RankingWeights,
  type Relevance,
  type TrendingOptions,
} from './ranking.js';
export { RankingTable, type TablePaper, type TableRankingInput } from './ranking-table.js';
export {
  BORROWED_TOPIC_WEIGHT,
  keywordMatches,
  keywordNamesTopic,
  rankingCandidates,
  scoreInterests,
  scoreKeyword,
  searchTopics,
  toRelevanceMap,
  type CandidatePaper,
  type InterestScores,
  type SearchedTopic,
  type TopicQuery,
} from './interest-matching.js';
export { TOPIC_CATALOG, type CatalogTopic } from './topic-catalog.js';
