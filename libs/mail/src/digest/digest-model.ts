/** One trending paper as the digest shows it; shared by every reader of a run. */
export interface DigestPaper {
  arxivId: string;
  title: string;
  authors: string[];
  /** Known even when the author names are not (some listings only give a count). */
  authorCount: number | null;
  organization: string | null;
  /** YYYY-MM-DD */
  arxivDate: string | null;
  /** YYYY-MM-DD */
  featuredDate: string | null;
  upvotes: number | null;
  /** AI summary when present, else the abstract. */
  summary: string;
  links: {
    paperPage?: string;
    arxiv?: string;
    pdf?: string;
    code?: string;
    projectPage?: string;
  };
}

/** A paper as one reader sees it: the shared paper plus why it matched and their feedback links. */
export interface DigestPaperForReader {
  paper: DigestPaper;
  reasons: string[];
  feedbackUpUrl: string;
  feedbackDownUrl: string;
}

export interface DigestForReader {
  /** YYYY-MM-DD */
  editionDate: string;
  papers: DigestPaperForReader[];
  manageUrl: string;
  unsubscribeUrl: string;
  viewInBrowserUrl: string;
  /** Why the reader gets this email, e.g. "You subscribed to Paperboy with ada@example.org on 2026-11-20 and chose: Reward modeling, “GRPO”." */
  reason: string;
}
