import { readFileSync } from 'node:fs';
import path from 'node:path';
import { truncateAtWord } from '@app/text-safety';
import { contributionSummary } from '../src/index.js';
import type { Corpus } from './corpus.js';
import { findRepoRoot } from './evaluation.js';

/*
 * How often the summary a digest shows (at most SHOWN_CHARS, cut at a word as
 * the email does) states the paper's contribution, against hand labels
 * (summary-labels.json): the contribution sentences picked by
 * contributionSummary, and, for comparison, the abstract's opening.
 */

const LABELS_PATH = 'libs/matching/eval/summary-labels.json';
/** What the digest shows of a summary: SUMMARY_MAX_CHARS in libs/mail. */
export const SHOWN_CHARS = 280;
// A labelled sentence counts as shown when this much of its beginning is.
const SHOWN_PREFIX = 40;

interface SummaryLabels {
  about: string;
  abstracts: Array<{ id: string; contribution: string[] }>;
}

export interface SummaryRow {
  id: string;
  opening: boolean;
  picked: boolean;
  summary: string;
}

export interface SummaryResult {
  rows: SummaryRow[];
  /** Share of abstracts whose shown text states a contribution sentence. */
  opening: number;
  picked: number;
}

const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

export function evaluateSummaries(corpus: Corpus, root: string = findRepoRoot()): SummaryResult {
  const labels = JSON.parse(readFileSync(path.join(root, LABELS_PATH), 'utf8')) as SummaryLabels;
  const rows = labels.abstracts.map((label): SummaryRow => {
    const paper = corpus.byId.get(label.id);
    if (!paper) throw new Error(`summary-labels.json names unknown paper ${label.id}`);
    const states = (shown: string) => label.contribution.some((sentence) => normal(shown).includes(normal(sentence).slice(0, SHOWN_PREFIX)));
    const summary = truncateAtWord(contributionSummary(paper.abstract, SHOWN_CHARS), SHOWN_CHARS);
    return { id: label.id, opening: states(truncateAtWord(normal(paper.abstract), SHOWN_CHARS)), picked: states(summary), summary };
  });
  const share = (pick: (r: SummaryRow) => boolean) => rows.filter(pick).length / rows.length;
  return { rows, opening: share((r) => r.opening), picked: share((r) => r.picked) };
}
