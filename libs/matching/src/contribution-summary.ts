/*
 * A short summary for papers without an AI summary: the abstract's sentences
 * that state what the paper contributes ("We propose…", "We introduce…", its
 * results) instead of its opening lines, which are usually background
 * ("Large language models have shown…"). Plain rules, no model.
 */

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'et al', 'vs', 'etc', 'fig', 'figs', 'eq', 'eqs', 'sec', 'no', 'approx', 'cf', 'resp', 'al', 'inc', 'dr', 'mr', 'ms', 'st']);

/** Sentences of an abstract, in order; abbreviations (e.g., et al.), decimals (3.5) and URLs do not end one. */
export function splitSentences(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    const next = clean[i + 1];
    // The end of the text, or a stop followed by a space (and possibly a closing quote or bracket before it).
    if (next !== undefined && next !== ' ') continue;
    const after = clean.slice(i + 2, i + 3);
    if (after !== '' && !/[A-Z0-9("'“‘[]/.test(after)) continue;
    if (ch === '.') {
      const word = /([A-Za-z.]+)$/.exec(clean.slice(start, i))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/^.*\./, '')) || /^[a-z]$/i.test(word)) continue;
    }
    sentences.push(clean.slice(start, i + 1).trim());
    start = i + 2;
  }
  const rest = clean.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

// What the authors did: "we propose", "this paper introduces", "here we present", "we call …".
const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|study|article)|our (?:work|paper|approach|method|framework))\s+(?:\w+ly\s+)?(?:propose|present|introduce|develop|design|build|construct|release|describe|formulate|establish|derive|offer|contribute|devise|create|curate|identify|reveal|uncover|investigate|study|explore|call|term|dub|name)\w*\b/i;
// A new artefact named in the sentence: "…, a framework that…", "called X", "named X", "dubbed X".
const NAMED = /\b(?:called|named|dubbed|termed)\b|,\s+an?\s+(?:novel\s+|new\s+|simple\s+|unified\s+|general\s+)?(?:framework|method|approach|benchmark|dataset|model|algorithm|system|technique|paradigm|pipeline)\b/i;
// What it found: comparisons and measured gains.
const RESULT = /\b(?:outperform|surpass|improv|achiev|reduc|boost|exceed|beat|match|state[- ]of[- ]the[- ]art|sota|gain|speed ?up|faster|results? (?:show|demonstrate|indicate|suggest)|experiments? (?:show|demonstrate|indicate|reveal))\w*|\d+(?:\.\d+)?\s*(?:%|x\b|×|points?\b)/i;
// Background and housekeeping that summaries should skip.
const BACKGROUND = /^(?:however|recent|recently|despite|while|although|in recent years|with the|as |large language models|existing|current|traditional|conventional|prior|previous)\b|\b(?:remains? (?:a |an )?(?:challenge|challenging|open|difficult|underexplored)|has (?:emerged|become|shown)|have (?:emerged|become|shown|achieved|demonstrated))\b/i;
const HOUSEKEEPING = /https?:\/\/|\bgithub\b|\b(?:code|models?|data(?:set)?s?|weights|checkpoints|resources) (?:and [\w ]+ )?(?:is|are|will be) (?:publicly |openly )?(?:available|released)|\bproject page\b/i;

export interface ScoredSentence {
  index: number;
  text: string;
  score: number;
  kind: 'contribution' | 'result' | 'other';
}

/** Each sentence with how clearly it states the contribution (higher is clearer). */
export function scoreSentences(abstract: string): ScoredSentence[] {
  return splitSentences(abstract).map((text, index) => {
    let score = 0;
    const contribution = CONTRIBUTION.test(text);
    if (contribution) score += 3;
    if (NAMED.test(text)) score += 1;
    const result = RESULT.test(text);
    if (result) score += 2;
    if (BACKGROUND.test(text)) score -= 2;
    if (HOUSEKEEPING.test(text)) score -= 5;
    // The opening sentence is background far more often than not.
    if (index === 0 && !contribution) score -= 1;
    return { index, text, score, kind: contribution ? 'contribution' : result ? 'result' : 'other' };
  });
}

/**
 * At most `maxChars` of the abstract's clearest contribution sentences, in
 * their original order: the best contribution sentence, then a result
 * sentence if one fits. When no sentence states a contribution, the abstract's
 * opening (what digests showed before). Longer text is left to the renderer to cut.
 */
export function contributionSummary(abstract: string, maxChars = 280): string {
  const scored = scoreSentences(abstract);
  if (scored.length === 0) return '';
  const best = [...scored].filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.index - b.index);
  const lead = best.find((s) => s.kind === 'contribution') ?? best[0];
  if (!lead) return abstract.replace(/\s+/g, ' ').trim();
  const chosen = [lead];
  let length = lead.text.length;
  for (const s of best) {
    if (s === lead || s.kind === 'other' || s.kind === lead.kind) continue;
    if (length + 1 + s.text.length <= maxChars) {
      chosen.push(s);
      length += 1 + s.text.length;
    }
    break;
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((s) => s.text)
    .join(' ');
}
