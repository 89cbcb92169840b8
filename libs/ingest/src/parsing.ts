// The pure half of ingest: parsers, the normalized paper, the field rules. No database, no network.
export {
  arxivLinks,
  cleanText,
  isSyntheticPaperId,
  normalizeArxivId,
  syntheticPaperId,
  PAPER_LINK_KEYS,
  SYNTHETIC_ID_PREFIX,
  type EntryReport,
  type NormalizedPaper,
  type PaperLinks,
  type ParseResult,
  type SkippedEntry,
} from './normalized-paper.js';
export { parseListingPage, type ListingPage, type ListingPageOptions, type ListingPaper } from './parsers/listing-page.js';
export { parseDailyPapersEntries, parseDailyPapersText } from './parsers/daily-papers-json.js';
export { decodeXmlEntities, parseArxivAtom } from './parsers/arxiv-atom.js';
export { fitPaper, type FitResult, type PaperDraft } from './fit-paper.js';
export { PAPER_LIMITS, shown } from './field-rules.js';
export { storableRaw } from './raw-entry.js';
export { boundedReport, withoutDuplicates } from './ingest-report.js';
