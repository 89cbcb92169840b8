import type { QueryNode } from './query.js';
import { analyzeWords } from './text-analysis.js';

/** One step of a phrase: the term, and how many stop words stand before it in the query. */
export interface Step {
  term: string;
  gap: number;
}

export type LeafNode = Extract<QueryNode, { kind: 'term' | 'phrase' }>;

/**
 * Turns a term or phrase into its alternative term sequences. A hyphenated
 * word is either its parts in a row or its joined form, so "self-play" finds
 * "self-play", "self play" and "selfplay" alike.
 */
export function spellingsOf(text: string): Step[][] {
  let variants: Step[][] = [[]];
  let pendingGap = 0;
  for (const word of analyzeWords(text)) {
    const partSteps: Step[] = [];
    let gap = pendingGap;
    for (const part of word.parts) {
      if (part === null) {
        gap++;
      } else {
        partSteps.push({ term: part, gap: partSteps.length === 0 && variants[0].length === 0 ? 0 : gap });
        gap = 0;
      }
    }
    const trailingGap = gap;
    const choices: Array<{ steps: Step[]; gapAfter: number }> = [];
    // "over-optimization" without its stop-word part would be plain "optimization":
    // a hyphenated word must keep two parts or be matched joined.
    const partsKeepMeaning = word.joined === null || partSteps.length > 1;
    if (partSteps.length > 0 && partsKeepMeaning) choices.push({ steps: partSteps, gapAfter: trailingGap });
    if (word.joined !== null) {
      choices.push({ steps: [{ term: word.joined, gap: variants[0].length === 0 ? 0 : pendingGap }], gapAfter: 0 });
    }
    if (choices.length === 0) {
      pendingGap += word.parts.length;
      continue;
    }
    // Bounded: a phrase rarely has more than two hyphenated words.
    variants = variants.flatMap((v) => choices.map((c) => [...v, ...c.steps])).slice(0, 16);
    pendingGap = choices[0].gapAfter;
  }
  return variants.filter((v) => v.length > 0);
}

/**
 * Alternatives that analyse to the same terms ("safe" OR "safety", "efficient"
 * OR "efficiency") are one piece of evidence, not two: only the strongest
 * boost is kept. A field-restricted copy (title:"x"^3 next to "x") is a
 * deliberate extra and stays.
 */
export function distinctAlternatives(nodes: readonly QueryNode[]): QueryNode[] {
  const kept = new Map<string, QueryNode>();
  nodes.forEach((node, i) => {
    if (node.kind !== 'term' && node.kind !== 'phrase') {
      kept.set(`#${i}`, node);
      return;
    }
    const key = `${node.field ?? '*'} ${JSON.stringify(spellingsOf(node.text))}`;
    const seen = kept.get(key) as LeafNode | undefined;
    if (!seen || seen.boost < node.boost) kept.set(key, node);
  });
  return [...kept.values()];
}
