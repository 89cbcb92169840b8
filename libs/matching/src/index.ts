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
export { cosineSimilarity, similarityOver, termCounts, tfIdfSimilarity, tfIdfVector, tfIdfVectors, type SparseVector } from './similarity.js';
export {
  combineRelevance,
  DEFAULT_RELEVANCE_LEVEL,
  explainRanked,
  learnedFeedback,
  RELEVANCE_LEVELS,
  RELEVANCE_THRESHOLDS,
  relevanceFloor,
  type FeedbackScore,
  type RelevanceLevel,
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
  keywordExclusions,
  keywordMatches,
  scoreKeywordWithMeaning,
  type CandidateExtras,
  type KeywordMeaning,
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
export { ALL_OF_AI_TOPICS, SEEDED_TOPICS, TOPIC_CATALOG, type CatalogTopic } from './topic-catalog.js';
export { dot, decodeVector, encodeVector, unitLength, VectorTable } from './vectors.js';
export type { Embedder } from './embedder.js';
export { DEFAULT_LSA_OPTIONS, LsaEmbedder, LsaModel, lsaDimensionsFor, type LsaModelData, type LsaOptions } from './lsa.js';
export {
  blendRelevance,
  closeInMeaning,
  DEFAULT_KEYWORD_SEMANTICS,
  DEFAULT_SEED_SEMANTICS,
  likeSeed,
  seedMatches,
  semanticMatches,
  type SeedPaper,
  type SemanticOptions,
} from './semantic-matching.js';
export {
  backgroundSample,
  DEFAULT_READER_MODEL_OPTIONS,
  deserializeReaderModel,
  readerPreference,
  serializeReaderModel,
  trainReaderModel,
  type ReaderModel,
  type ReaderModelOptions,
  type ReaderTrainingSet,
} from './reader-model.js';
export { contributionSummary, scoreSentences, splitSentences, type ScoredSentence } from './contribution-summary.js';
