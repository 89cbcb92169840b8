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
export { EARLIEST_DAY, MAX_INTEGER, PAPER_LIMITS, isCalendarDay, saneDay, saneInstant, shown } from './field-rules.js';
export { RAW_LIMITS, storableRaw } from './raw-entry.js';
export { boundedReport, MAX_REPORTED_ENTRIES, withoutDuplicates } from './ingest-report.js';
