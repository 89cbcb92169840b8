export {
  arxivLinks,
  cleanText,
  isSyntheticPaperId,
  normalizeArxivId,
  syntheticPaperId,
  utcDay,
  SYNTHETIC_ID_PREFIX,
  type NormalizedPaper,
  type PaperLinks,
  type ParseResult,
  type SkippedEntry,
} from './normalized-paper.js';
export { parseListingPage, type ListingPage, type ListingPageOptions, type ListingPaper } from './parsers/listing-page.js';
export { parseDailyPapersEntries, parseDailyPapersText } from './parsers/daily-papers-json.js';
export { decodeXmlEntities, parseArxivAtom } from './parsers/arxiv-atom.js';
