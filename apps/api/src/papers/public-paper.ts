import type { Paper } from '@app/database';
import { PAPER_LINK_KEYS } from '@app/ingest';
import type { DigestPaper } from '@app/mail';
import { toDigestPaper } from '@app/delivery';
import { cleanText, safeLinks } from '@app/text-safety';

/**
 * A stored paper as the public API, the papers page and the preview show it: text and links through the rules the
 * email uses (@app/text-safety). Ingest stores values that already pass them; this covers rows stored before it did.
 */
export function toPublicPaper(paper: Paper): DigestPaper {
  const shown = toDigestPaper(paper);
  return {
    ...shown,
    title: cleanText(shown.title) || shown.arxivId,
    authors: shown.authors.map((name) => cleanText(name)).filter((name) => name !== ''),
    organization: cleanText(shown.organization) || null,
    summary: cleanText(shown.summary),
    links: safeLinks(shown.links, PAPER_LINK_KEYS),
  };
}
