import { describe, expect, it } from '@jest/globals';
import { keywordKey, keywordQuery, parseQuery, QuerySyntaxError, type Query, type QueryNode } from './query.js';

/** Compact rendering of a parsed query, to compare structure at a glance. */
function show(node: QueryNode): string {
  const boost = (b: number) => (b === 1 ? '' : `^${b}`);
  switch (node.kind) {
    case 'term':
      return `${node.field ? `${node.field}:` : ''}${node.text}${boost(node.boost)}`;
    case 'phrase':
      return `${node.field ? `${node.field}:` : ''}"${node.text}"${boost(node.boost)}`;
    case 'not':
      return `-${show(node.child)}`;
    case 'all':
      return `(${node.children.map(show).join(' & ')})${boost(node.boost)}`;
    case 'any':
      return `(${node.children.map(show).join(' | ')})${boost(node.boost)}`;
  }
}

function render(query: Query): string {
  const positive = query.clauses.map(show).join(' | ');
  return query.exclusions.length === 0 ? positive : `${positive} -[${query.exclusions.map(show).join(', ')}]`;
}

describe('parseQuery', () => {
  it.each([
    ['reward', 'reward'],
    ['"reward model"', '"reward model"'],
    ['reward model', '(reward & model)'],
    ['reward AND model', '(reward & model)'],
    ['"reward model" OR PRM', '"reward model" | PRM'],
    ['x y OR z', '(x & y) | z'],
    ['title:"reward model"^3 OR "reward model"', 'title:"reward model"^3 | "reward model"'],
    ['abstract:GRPO keywords:RLHF', '(abstract:GRPO & keywords:RLHF)'],
    ['TITLE:reward', 'title:reward'],
    ['GRPO^1.5', 'GRPO^1.5'],
    ['reward NOT robot', 'reward -[robot]'],
    ['reward -robot', 'reward -[robot]'],
    ['x OR y NOT z', 'x | y -[z]'],
    ['(x NOT y) OR z', '(x & -y) | z'],
    ['title:(x OR y)^2', '(title:x | title:y)^2'],
    ['title:(x)^2', 'title:x^2'],
    ['title:(x OR abstract:y)', '(title:x | abstract:y)'],
    ['self-play OR -robot', 'self-play -[robot]'],
    ['"  chain   of  thought "', '"chain of thought"'],
    ['the reward', 'reward'],
    ['x OR the', 'x'],
    ['reward or model', '(reward & model)'],
  ])('%s', (source, expected) => {
    expect(render(parseQuery(source))).toBe(expected);
  });

  it('parses every operator form without losing the source', () => {
    expect(parseQuery('x OR y').source).toBe('x OR y');
  });

  it.each([
    ['', 'empty query'],
    ['   ', 'empty query'],
    ['"reward model', 'unbalanced quote'],
    ['reward "model', 'unbalanced quote'],
    ['""', 'empty phrase'],
    ['reward NOT', 'dangling NOT'],
    ['NOT OR reward', 'dangling NOT'],
    ['NOT NOT reward', 'NOT NOT'],
    ['NOT reward', 'nothing to match'],
    ['-reward', 'nothing to match'],
    ['reward -', "'-' must be followed"],
    ['reward OR', 'OR must be followed by a term'],
    ['OR reward', 'OR must have a term before it'],
    ['a OR OR b', 'OR must be followed by a term'],
    ['AND reward', 'AND must stand between two terms'],
    ['author:smith', "unknown field 'author'"],
    ['title:', 'must be followed by a term'],
    [':reward', "':' must follow a field name"],
    ['reward^', "'^' must be followed by a number"],
    ['reward^0', 'greater than 0'],
    ['^2', "'^' must follow a term"],
    ['(reward', "unbalanced '('"],
    ['reward)', "unbalanced ')'"],
    ['()', 'empty group'],
    ['(NOT reward)', 'NOT needs a term'],
    ['the of and', 'no searchable words'],
  ])('rejects %p with a message about %s', (source, message) => {
    expect(() => parseQuery(source)).toThrow(QuerySyntaxError);
    expect(() => parseQuery(source)).toThrow(message);
  });

  it('says where the problem is', () => {
    try {
      parseQuery('reward OR "model');
      throw new Error('expected a syntax error');
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).position).toBe(10);
      expect((error as QuerySyntaxError).message).toContain('at character 11');
    }
  });
});

describe('keywordQuery', () => {
  it('matches a multi-word keyword as the phrase or as all its words', () => {
    expect(render(keywordQuery('process  reward model'))).toBe('("process reward model"^2 | (process & reward & model))');
  });

  it('splits hyphenated words for the all-words alternative', () => {
    expect(render(keywordQuery('LLM-as-a-judge'))).toBe('("LLM-as-a-judge"^2 | (LLM & judge))');
  });

  it('takes query syntax literally', () => {
    expect(render(keywordQuery('GRPO'))).toBe('"GRPO"');
    expect(render(keywordQuery('title:"x" OR'))).toBe('"title:"x" OR"');
    expect(render(keywordQuery('C++ -robot'))).toBe('("C++ -robot"^2 | (C++ & robot))');
  });

  it('rejects a keyword of stop words only', () => {
    expect(() => keywordQuery('the')).toThrow(QuerySyntaxError);
  });

  it('groups keywords case- and space-insensitively', () => {
    expect(keywordKey('  Process   Reward Model ')).toBe(keywordKey('process reward model'));
  });
});
