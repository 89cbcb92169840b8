import { stemmer } from 'stemmer';

/**
 * One indexed word occurrence. Positions count every word, stop words too, so
 * phrases keep their shape; `end` differs from `start` only for the joined
 * form of a hyphenated or camel-case word ("self-play" → `selfplai` spanning
 * both parts).
 */
export interface AnalyzedToken {
  term: string;
  start: number;
  end: number;
}

/** A word as written, before it is flattened into tokens: what the query compiler needs. */
export interface AnalyzedWord {
  /** Position of the first part. */
  start: number;
  /** One term per hyphen-separated or camel-case part; null where the part is a stop word. */
  parts: Array<string | null>;
  /** The parts written together (`selfplai`), only for words with several parts. */
  joined: string | null;
}

// A short list on purpose: in this field even common-looking words
// ("model", "learning", "policy") are what queries are made of, and IDF
// already discounts words that are everywhere.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his how ' +
    'i if in into is it its itself just may me might more most must my no nor not of off on once only or other our ours out ' +
    'over own s same she should so some such t than that the their theirs them then there these they this those through to too ' +
    'under until up us very via was we were what when where which while who whom why will with would you your yours'
  ).split(' '),
);

// Porter splits a few families this field treats as one word, and merges
// "general…" and "generative" with "generat…"; these fix the stems that
// decide real matches.
const STEM_ALIASES: ReadonlyMap<string, string> = new Map([
  ['mathemat', 'math'],
  ['verif', 'verifi'],
  ['theoret', 'theori'],
  ['safeti', 'safe'],
  ['judgment', 'judg'],
  ['judgement', 'judg'],
  ['exploratori', 'explor'],
]);

// Benchmark and method names that Porter would turn into English words.
const UNSTEMMED: ReadonlySet<string> = new Set(['aime', 'gsm8k', 'swe', 'alfworld', 'webshop']);

const WORD = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
const HYPHEN = /[-\u2010\u2011]/u;
// Inside a word: lower→Upper ("Reward|Bench"), or the end of a capital run
// before a capitalised word ("GRPO|Loss"); "VLMs" and "LLMs" stay whole.
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll}{2,})/u;
const INNER_CAPITAL = /.\p{Lu}/u;
const DIGIT = /\p{N}/u;
const MARKS = /\p{M}+/gu;

// The vocabulary of a paper corpus is small; stemming each distinct word once
// makes indexing several times faster. Cleared when it grows, to stay bounded
// in a long-running worker. Stop words are cached too, as null.
const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 100_000;

function stem(word: string): string {
  if (DIGIT.test(word) || UNSTEMMED.has(word)) return word;
  if (word.startsWith('general')) return 'general';
  // "generative models" name a kind of model; "generated", "generation" name an act.
  if (word.startsWith('generativ')) return 'generative';
  const stemmed = stemmer(word);
  return STEM_ALIASES.get(stemmed) ?? stemmed;
}

/**
 * The index term for one lower-cased word, or null for a stop word. Lower-case
 * in, so acronyms (RLHF, GRPO, VLMs) match whatever case they are typed in:
 * Porter leaves them alone apart from a plural "s" (VLMs → vlm).
 */
export function termOf(lowerCaseWord: string): string | null {
  let term = termCache.get(lowerCaseWord);
  if (term === undefined) {
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    term = STOP_WORDS.has(lowerCaseWord) ? null : stem(lowerCaseWord);
    termCache.set(lowerCaseWord, term);
  }
  return term;
}

/** Lower case without accents, so "naïve" and "naive" are one word. */
export function foldCase(text: string): string {
  return stripAccents(text).toLowerCase();
}

function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '');
}

/**
 * Pieces of one written word: its hyphen-separated parts, and method names
 * split at case changes ("RewardBench" → Reward, Bench), which is how a
 * paper's name shows what it is about.
 */
function piecesOf(word: string): string[] {
  return word.split(HYPHEN).flatMap((part) => part.split(CAMEL_BOUNDARY));
}

/** True for a plain word: no hyphen, no capital after the first letter (most words, and the fast path). */
function isPlain(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x2011) return false;
    if (i > 0 && ((c >= 0x41 && c <= 0x5a) || (c > 0x7f && INNER_CAPITAL.test(word.slice(i - 1, i + 1))))) return false;
  }
  return true;
}

function splitWord(word: string, start: number): AnalyzedWord {
  const pieces = piecesOf(word).map((piece) => piece.toLowerCase());
  // "2023-2024" joined is noise; "GPT-4" joined (gpt4) is how people also write it.
  const joinable = pieces.length > 1 && !pieces.every((piece) => /^\p{N}+$/u.test(piece));
  return { start, parts: pieces.map(termOf), joined: joinable ? termOf(pieces.join('')) : null };
}

/** Words of a text with their positions, hyphenated and camel-case words kept together. */
export function analyzeWords(text: string): AnalyzedWord[] {
  const words: AnalyzedWord[] = [];
  let position = 0;
  for (const match of stripAccents(text).matchAll(WORD)) {
    const word = isPlain(match[0]) ? { start: position, parts: [termOf(match[0].toLowerCase())], joined: null } : splitWord(match[0], position);
    words.push(word);
    position += word.parts.length;
  }
  return words;
}

/**
 * Visits the tokens to index without building them: lower-cased, stemmed,
 * stop words dropped (their positions kept), and each hyphenated or
 * camel-case word as its parts AND its joined form, so "self-play" matches
 * the queries `self play`, `"self-play"` and `selfplay`, and "RewardBench"
 * matches `reward`, `bench` and `rewardbench`. The joined form spans the
 * positions of its parts (start < end); every other token has start = end.
 */
export function forEachToken(text: string, visit: (term: string, start: number, end: number) => void): void {
  let position = 0;
  for (const match of stripAccents(text).matchAll(WORD)) {
    // Most words are plain; skipping the split for them is most of indexing speed.
    if (isPlain(match[0])) {
      const term = termOf(match[0].toLowerCase());
      if (term !== null) visit(term, position, position);
      position++;
      continue;
    }
    const word = splitWord(match[0], position);
    word.parts.forEach((term, i) => {
      if (term !== null) visit(term, position + i, position + i);
    });
    if (word.joined !== null) visit(word.joined, position, position + word.parts.length - 1);
    position += word.parts.length;
  }
}

/** The tokens of forEachToken, as a list. */
export function analyze(text: string): AnalyzedToken[] {
  const tokens: AnalyzedToken[] = [];
  forEachToken(text, (term, start, end) => tokens.push({ term, start, end }));
  return tokens;
}

/** Just the terms, for callers that need no positions. */
export function terms(text: string): string[] {
  const found: string[] = [];
  forEachToken(text, (term) => found.push(term));
  return found;
}
