import fc from 'fast-check';

/** A JSON Schema (2020-12, as OpenAPI 3.1 embeds it), as far as the fuzzer reads it. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  [keyword: string]: unknown;
}

/**
 * What the document states in words, for the formats it names and the schemas
 * that name live data: the fuzzer's knowledge of them, so that a "valid" value
 * is valid by what the document says, not only by what JSON Schema can check.
 */
export interface Hints {
  /** Values of named components that refer to live data (TopicSlug: the catalog now). */
  components: Record<string, () => string[]>;
}

// Some letters outside the Basic Multilingual Plane (two UTF-16 code units, one character).
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüßжλ中文𠀀𠀁𝟘'];
const letter = fc.constantFrom(...LETTERS);
/** Length as JSON Schema counts it: characters (code points). */
const characters = (s: string) => [...s].length;
const word = (min: number, max: number) => fc.string({ unit: letter, minLength: min, maxLength: max });
const ZERO_WIDTH = ['\u200b', '\u200c', '\u2060', '\ufeff', '\u00ad'];

/** A keyword whose normalized form has 2 to 60 characters (with invisible characters sprinkled in sometimes: they are removed). */
const keyword = fc
  .tuple(fc.array(word(1, 12), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...ZERO_WIDTH), { maxLength: 3 }))
  .map(([words, invisible]) => {
    const text = words.join(' ');
    // Insert invisible characters between visible ones; the normalized keyword is the same.
    return invisible.reduce((k, z, i) => (k.length > 1 ? k.slice(0, 1 + (i % (k.length - 1))) + z + k.slice(1 + (i % (k.length - 1))) : k), text);
  })
  .filter((k) => {
    const visible = k.replace(/[\u200b\u200c\u2060\ufeff\u00ad]/g, '');
    return characters(visible) >= 2 && characters(visible) <= 60;
  });

const ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-";
const email = fc
  .tuple(
    fc.array(fc.string({ unit: fc.constantFrom(...ATEXT), minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,8}$/),
  )
  .map(([atoms, labels, tld]) => `${atoms.join('.')}@${[...labels, tld].join('.')}`);

const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const TERM = fc.stringMatching(/^[a-z]{3,9}$/).filter((t) => !['and', 'not'].includes(t));
const queryTerm = fc.oneof(
  TERM,
  fc.array(TERM, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
  fc.tuple(fc.constantFrom('title', 'abstract', 'keywords'), TERM).map(([f, t]) => `${f}:${t}`),
  fc.tuple(TERM, fc.integer({ min: 1, max: 5 })).map(([t, b]) => `${t}^${b}`),
);
/** A topic query the parser takes: terms, phrases, fields and boosts joined by OR or spaces, an exclusion maybe. */
const topicQuery = fc
  .tuple(fc.array(fc.tuple(queryTerm, fc.constantFrom(' ', ' OR ')), { minLength: 1, maxLength: 5 }), fc.option(TERM.map((t) => ` -${t}`)))
  .map(([parts, not]) => parts.map(([t, sep], i) => (i === 0 ? t : sep + t)).join('') + (not ?? ''));

/** A keyword of a keyword list (a text box split on commas and new lines): without those. */
const listKeyword = keyword.filter((k) => !/[,\n;"]/.test(k));

/** Formats the document names for rules JSON Schema cannot state (see their descriptions). */
const FORMATS: Record<string, fc.Arbitrary<string>> = {
  email,
  date: day,
  keyword,
  'keyword-list': fc.array(listKeyword, { maxLength: 20 }).chain((ks) => fc.constantFrom(', ', ',', '\n').map((sep) => ks.join(sep))),
  'topic-query': topicQuery,
};

export const componentName = (ref: string) => ref.replace('#/components/schemas/', '');

/** Mostly blanks: text that trimming or collapsing would shorten. */
const blankish = fc.constantFrom(' ', ' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', 'a', 'Z');

/**
 * Plain text within the bounds (JSON Schema counts characters, that is code
 * points), in several alphabets, short and at the bounds; never a NUL (a rule
 * every operation states).
 */
function text(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 200, Math.max(minLength, 200));
  const within = { minLength, maxLength };
  const atBounds = { minLength: Math.max(minLength, maxLength - 3), maxLength, size: 'max' as const };
  return fc
    .oneof(
      fc.string(within),
      fc.string({ ...within, unit: 'grapheme' }),
      fc.string({ ...within, unit: 'binary' }),
      fc.string({ ...within, unit: blankish }),
      fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 2), unit: blankish }),
      fc.string({ ...atBounds, unit: 'binary' }),
      fc.string({ ...atBounds, unit: 'grapheme' }),
    )
    // A grapheme may be several characters: keep to the bounds in characters.
    .filter((s) => !s.includes('\0') && characters(s) >= minLength && characters(s) <= maxLength);
}

/** Values that the schema accepts, drawn to find what the server refuses anyway. */
export function validValue(schema: JsonSchema, components: Record<string, JsonSchema>, hints: Hints, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = componentName(schema.$ref);
    const live = hints.components[name];
    if (live) return fc.constant(null).chain(() => (live().length ? fc.constantFrom(...live()) : fc.constant(undefined)));
    return validValue(components[name], components, hints, depth);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => validValue(c, components, hints, depth)));
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['string', 'integer', 'boolean', 'null'];
  return fc.oneof(...type.map((t) => ofType(t, schema, components, hints, depth)));
}

function ofType(type: string, schema: JsonSchema, components: Record<string, JsonSchema>, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format];
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter((s) => characters(s) >= (schema.minLength ?? 0) && characters(s) <= (schema.maxLength ?? Infinity));
      return text(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? validValue(schema.items, components, hints, depth + 1) : fc.anything();
      const minLength = schema.minItems ?? 0;
      const short = fc.array(item, { minLength, maxLength: Math.min(schema.maxItems ?? 8, 8) });
      // As many items as the schema allows, too, when it says how many (topics, keywords).
      const full = schema.maxItems !== undefined && schema.maxItems <= 50 ? [fc.array(item, { minLength: Math.max(minLength, schema.maxItems - 1), maxLength: schema.maxItems })] : [];
      return fc.oneof(short, ...full).map((list) => list.filter((v) => v !== undefined));
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) shape[name] = validValue(property, components, hints, depth + 1);
      const known = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
      // Where the schema allows other properties (forms, queries), a client may send some.
      if (schema.additionalProperties === false) return known;
      const extra = fc.dictionary(fc.stringMatching(/^x-[a-z]{1,8}$/), fc.string({ maxLength: 20 }).filter((s) => !s.includes('\0')), { maxKeys: 2 });
      return fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k }));
    }
    default:
      return fc.anything();
  }
}
