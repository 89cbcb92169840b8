import type { Paper } from '@app/database';
import type { DigestPaper } from '@app/mail';

/** A stored paper as readers see it (digest, papers page, API): the AI summary when there is one, else the abstract. */
export const toDigestPaper = (p: Paper): DigestPaper => ({
  arxivId: p.arxivId,
  title: p.title,
  authors: p.authors,
  authorCount: p.authorCount ?? (p.authors.length || null),
  organization: p.organization,
  arxivDate: p.arxivDate,
  featuredDate: p.featuredDate,
  upvotes: p.upvotes,
  summary: p.aiSummary ?? p.abstract,
  links: p.links,
});
