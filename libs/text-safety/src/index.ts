// The one set of rules for showing untrusted text and links: ingest stores what they return, and every
// reader-facing output (pages, API, email) applies them again, so rows stored before a rule existed are safe too.
export { cleanText } from './clean-text.js';
export { MAX_HREF_LENGTH, safeHref, safeLinks } from './safe-href.js';
export { truncateAtWord } from './truncate.js';
