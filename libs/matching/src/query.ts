import { analyzeWords } from './text-analysis.js';

/**
 * Topic query language (see libs/matching/README.md).
 *
 *   reward model             both terms (implicit AND between adjacent clauses)
 *   "reward model"           a phrase: the words next to each other, in order
 *   x OR y                   either; OR binds looser than AND: `x y OR z` = (x AND y) OR z
 *   NOT x, -x                excludes papers that match x
 *   title:x  abstract:"x y"  keywords:x   only that field
 *   "x y"^3, title:x^2       multiplies that clause's score (never decides a match)
 *   ( … )                    grouping
 *
 * Semantics: a paper matches when ANY top-level OR clause matches and NO
 * top-level NOT operand matches. A NOT at the top level excludes from the
 * whole query wherever it is written (`x OR y NOT z` drops z-papers from both
 * sides); inside parentheses it applies to its group only. Implicit AND is
 * what people mean by `reward model training`; alternatives are spelled out
 * with OR, as every catalog query does, so the seeded queries keep their
 * meaning. Operators are upper-case only: `or` and `not` in lower case are
 * words (and stop words). Terms match case-insensitively after stemming; a
 * term or phrase made only of stop words is dropped.
 */

export const QUERY_FIELDS = ['title', 'abstract', 'keywords'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface TermNode {
  kind: 'term';
  /** As written, for reasons shown to readers. */
  text: string;
  field: QueryField | null;
  boost: number;
}

export interface PhraseNode {
  kind: 'phrase';
  text: string;
  field: QueryField | null;
  boost: number;
}

/** Every positive child must match and no `not` child may. */
export interface AllNode {
  kind: 'all';
  children: QueryNode[];
  boost: number;
}

/** At least one child must match; the scores of all that match add up. */
export interface AnyNode {
  kind: 'any';
  children: QueryNode[];
  boost: number;
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

export type QueryNode = TermNode | PhraseNode | AllNode | AnyNode | NotNode;

export interface Query {
  source: string;
  /** Top-level OR clauses, none of them negative. */
  clauses: QueryNode[];
  /** Top-level NOT operands: a paper matching any of them is out. */
  exclusions: QueryNode[];
}

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    /** Character offset in the query, when one place is to blame. */
    readonly position: number | null = null,
  ) {
    super(position === null ? message : `${message} (at character ${position + 1})`);
    this.name = 'QuerySyntaxError';
  }
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'phrase'; text: string; at: number }
  | { type: 'field'; field: QueryField; at: number }
  | { type: 'boost'; value: number; at: number }
  | { type: 'or' | 'and' | 'not' | 'open' | 'close'; at: number };

const WORD_END = /[\s"()^:]/;

function isField(name: string): name is QueryField {
  return (QUERY_FIELDS as readonly string[]).includes(name);
}

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) throw new QuerySyntaxError('unbalanced quote: a phrase is opened but never closed', i);
      tokens.push({ type: 'phrase', text: source.slice(i + 1, close), at: i });
      i = close + 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'open' : 'close', at: i });
      i++;
    } else if (c === '^') {
      const number = /^\d+(\.\d+)?/.exec(source.slice(i + 1));
      if (!number) throw new QuerySyntaxError("'^' must be followed by a number, as in \"reward model\"^2", i);
      const value = Number(number[0]);
      if (value <= 0) throw new QuerySyntaxError('a boost must be greater than 0', i);
      tokens.push({ type: 'boost', value, at: i });
      i += 1 + number[0].length;
    } else if (c === ':') {
      throw new QuerySyntaxError("':' must follow a field name (title, abstract or keywords)", i);
    } else if (c === '-' && (i === 0 || /[\s(]/.test(source[i - 1]))) {
      // A leading '-' negates; inside a word ("self-play") it is a hyphen.
      if (i + 1 >= source.length || /[\s)]/.test(source[i + 1])) throw new QuerySyntaxError("'-' must be followed by the term to exclude", i);
      tokens.push({ type: 'not', at: i });
      i++;
    } else {
      let end = i;
      while (end < source.length && !WORD_END.test(source[end])) end++;
      const text = source.slice(i, end);
      if (source[end] === ':') {
        const name = text.toLowerCase();
        if (!isField(name)) throw new QuerySyntaxError(`unknown field '${text}': use title, abstract or keywords`, i);
        tokens.push({ type: 'field', field: name, at: i });
        end++;
      } else if (text === 'OR' || text === 'AND' || text === 'NOT') {
        tokens.push({ type: text === 'OR' ? 'or' : text === 'AND' ? 'and' : 'not', at: i });
      } else {
        tokens.push({ type: 'word', text, at: i });
      }
      i = end;
    }
  }
  return tokens;
}

/** True when the text has at least one word that is not a stop word. */
function searchable(text: string): boolean {
  return analyzeWords(text).some((word) => word.parts.some((part) => part !== null));
}

function positive(node: QueryNode): boolean {
  return node.kind !== 'not';
}

class Parser {
  private i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Query {
    if (this.tokens.length === 0) throw new QuerySyntaxError('empty query');
    const clauses = this.orClauses();
    const extra = this.peek();
    if (extra) throw new QuerySyntaxError(extra.type === 'close' ? "unbalanced ')': nothing to close" : 'unexpected token', extra.at);

    const exclusions: QueryNode[] = [];
    const kept: QueryNode[] = [];
    for (const items of clauses) {
      exclusions.push(...items.filter((n): n is NotNode => n.kind === 'not').map((n) => n.child));
      const positives = items.filter(positive);
      if (positives.length === 1) kept.push(positives[0]);
      else if (positives.length > 1) kept.push({ kind: 'all', children: positives, boost: 1 });
    }
    const usable = kept.map(prune).filter((n): n is QueryNode => n !== null);
    if (usable.length === 0) {
      throw new QuerySyntaxError(
        kept.length === 0 ? 'the query has nothing to match: NOT only excludes' : 'the query has no searchable words, only stop words',
      );
    }
    return { source: this.source, clauses: usable, exclusions: exclusions.map(prune).filter((n): n is QueryNode => n !== null) };
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  /** OR-separated clauses, each the list of its implicitly AND-ed items. */
  private orClauses(): QueryNode[][] {
    const clauses = [this.allOf()];
    while (this.peek()?.type === 'or') {
      const or = this.tokens[this.i++];
      const next = this.peek();
      if (!next || next.type === 'or' || next.type === 'close' || next.type === 'and') {
        throw new QuerySyntaxError('OR must be followed by a term', or.at);
      }
      clauses.push(this.allOf());
    }
    return clauses;
  }

  private allOf(): QueryNode[] {
    const items: QueryNode[] = [];
    for (let next = this.peek(); next && next.type !== 'or' && next.type !== 'close'; next = this.peek()) {
      if (next.type === 'and') {
        this.i++;
        const after = this.peek();
        if (items.length === 0 || !after || after.type === 'or' || after.type === 'close' || after.type === 'and') {
          throw new QuerySyntaxError('AND must stand between two terms', next.at);
        }
        continue;
      }
      items.push(this.unary());
    }
    if (items.length === 0) {
      const here = this.peek() ?? this.tokens[this.i - 1];
      throw new QuerySyntaxError(here?.type === 'or' ? 'OR must have a term before it' : 'empty group: nothing between ( and )', here?.at ?? null);
    }
    return items;
  }

  /** A parenthesised group, where NOT stays inside the group. */
  private group(open: Token): QueryNode {
    const clauses = this.orClauses().map((items): QueryNode => {
      if (!items.some(positive)) throw new QuerySyntaxError('inside a group, NOT needs a term to exclude from: (a NOT b)', open.at);
      return items.length === 1 ? items[0] : { kind: 'all', children: items, boost: 1 };
    });
    const close = this.peek();
    if (close?.type !== 'close') throw new QuerySyntaxError("unbalanced '(': it is never closed", open.at);
    this.i++;
    return clauses.length === 1 ? clauses[0] : { kind: 'any', children: clauses, boost: 1 };
  }

  private unary(): QueryNode {
    const token = this.peek();
    if (token?.type !== 'not') return this.primary();
    this.i++;
    const next = this.peek();
    if (!next || next.type === 'or' || next.type === 'and' || next.type === 'close') {
      throw new QuerySyntaxError('dangling NOT: it must be followed by the term to exclude', token.at);
    }
    if (next.type === 'not') throw new QuerySyntaxError('NOT NOT: write the term without negation', next.at);
    return { kind: 'not', child: this.primary() };
  }

  private primary(): QueryNode {
    let field: QueryField | null = null;
    let token = this.tokens[this.i++];
    if (token.type === 'field') {
      field = token.field;
      const next = this.peek();
      if (!next || (next.type !== 'word' && next.type !== 'phrase' && next.type !== 'open')) {
        throw new QuerySyntaxError(`${token.field}: must be followed by a term, a "phrase" or a (group)`, token.at);
      }
      token = this.tokens[this.i++];
    }

    let node: QueryNode;
    if (token.type === 'word') {
      node = { kind: 'term', text: token.text, field, boost: 1 };
    } else if (token.type === 'phrase') {
      if (token.text.trim() === '') throw new QuerySyntaxError('empty phrase ""', token.at);
      node = { kind: 'phrase', text: token.text.trim().replace(/\s+/g, ' '), field, boost: 1 };
    } else if (token.type === 'open') {
      node = this.group(token);
      if (field) node = withField(node, field);
    } else if (token.type === 'boost') {
      throw new QuerySyntaxError("'^' must follow a term, a phrase or a group", token.at);
    } else if (token.type === 'field') {
      throw new QuerySyntaxError('a field name cannot follow another', token.at);
    } else {
      throw new QuerySyntaxError(token.type === 'close' ? "unbalanced ')': nothing to close" : 'a term is missing here', token.at);
    }

    if (this.peek()?.type === 'boost') {
      const boost = this.tokens[this.i++] as Extract<Token, { type: 'boost' }>;
      if (node.kind === 'not') throw new QuerySyntaxError('a NOT clause cannot be boosted', boost.at);
      node = { ...node, boost: node.boost * boost.value };
    }
    return node;
  }
}

/** A field on a group applies to the terms inside that name none of their own. */
function withField(node: QueryNode, field: QueryField): QueryNode {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.field ? node : { ...node, field };
    case 'not':
      return { kind: 'not', child: withField(node.child, field) };
    default:
      return { ...node, children: node.children.map((child) => withField(child, field)) };
  }
}

/**
 * Drops terms made only of stop words (`the`, `"of a"`): they would match
 * nothing, and a clause of them must not silently match everything.
 */
function prune(node: QueryNode): QueryNode | null {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return searchable(node.text) ? node : null;
    case 'not': {
      const child = prune(node.child);
      return child && { kind: 'not', child };
    }
    case 'all': {
      const children = node.children.map(prune).filter((n): n is QueryNode => n !== null);
      if (!children.some(positive)) return null;
      return children.length === 1 && node.boost === 1 ? children[0] : { ...node, children };
    }
    case 'any': {
      const children = node.children.map(prune).filter((n): n is QueryNode => n !== null);
      if (children.length === 0) return null;
      return children.length === 1 && node.boost === 1 ? children[0] : { ...node, children };
    }
  }
}

/** Parses the topic query language; throws QuerySyntaxError with a readable message. */
export function parseQuery(source: string): Query {
  if (source.trim() === '') throw new QuerySyntaxError('empty query');
  return new Parser(lex(source), source).parse();
}

// On top of the words' own scores, which an exact phrase also earns.
const PHRASE_BONUS = 2;

/**
 * A subscriber's free-text keyword is not query syntax ("C++", "-" or "OR"
 * are just characters there). It matches as the exact phrase, or with all
 * its words anywhere ("LLM-as-a-judge" also as "LLMs judging …"); the exact
 * phrase earns twice its own score on top of its words' scores.
 */
export function keywordQuery(keyword: string): Query {
  const text = keyword.replace(/\s+/g, ' ').trim();
  const words = text.split(/[\s\-\u2010\u2011]+/).filter(searchable);
  if (words.length === 0) throw new QuerySyntaxError(`keyword '${keyword}' has no searchable words`);
  const phrase: QueryNode = { kind: 'phrase', text, field: null, boost: 1 };
  const clause: QueryNode =
    words.length === 1
      ? phrase
      : {
          kind: 'any',
          children: [
            { ...phrase, boost: PHRASE_BONUS },
            { kind: 'all', children: words.map((word): QueryNode => ({ kind: 'term', text: word, field: null, boost: 1 })), boost: 1 },
          ],
          boost: 1,
        };
  return { source: text, clauses: [clause], exclusions: [] };
}

/** The keyword as subscribers are grouped by: one query runs per distinct key. */
export function keywordKey(keyword: string): string {
  return keyword.replace(/\s+/g, ' ').trim().toLowerCase();
}
