import fc from 'fast-check';
import { componentName, type JsonSchema } from './schema-values.js';

/** Values of every JSON type, to put where another type belongs. */
const WRONG_TYPES: unknown[] = [null, true, 0, -1.5, 2 ** 53, '', 'text', [], ['a'], {}, { a: { b: [1] } }];

/** A string a schema may not expect: control and invisible characters, bidi overrides, astral characters, markup, NUL. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '\0',
    'a\0b',
    '\u202e\u202d',
    '\u200b\u200b',
    '\ud83d\ude00'.repeat(30),
    '<script>alert(1)</script>',
    "'; DROP TABLE subscribers; --",
    '../../../../etc/passwd',
    '%00',
    '%',
    '%zz',
    '..',
    '.',
    ' ',
    '__proto__',
    'constructor',
    '0x10',
    '1e1',
    '-0',
    '9'.repeat(40),
    'Infinity',
    'NaN',
    'a'.repeat(5000),
    '\u0000\u0001\u001f\u007f',
    'ä'.normalize('NFD'),
    '\ufffd',
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
);

const resolve = (schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema => (schema.$ref ? resolve(components[componentName(schema.$ref)], components) : schema);

export interface Violation {
  value: unknown;
  /** What was broken, for the report. */
  how: string;
  /**
   * Whether the server must refuse it: a broken type, a required field left
   * out, a field the schema does not know. (A string against a pattern or a
   * number out of range is checked too, but the document may be stricter
   * than the server, which is not a finding.)
   */
  structural: boolean;
}

/** A value the body's schema refuses, made from a valid one: one thing broken, at the top or one level down. */
export function violation(schema: JsonSchema, valid: unknown, components: Record<string, JsonSchema>): fc.Arbitrary<Violation> {
  const s = resolve(schema, components);
  const options: Array<fc.Arbitrary<Violation>> = [];
  const isObject = typeof valid === 'object' && valid !== null && !Array.isArray(valid);
  if (!isObject || s.type !== 'object') return fc.constantFrom(...WRONG_TYPES).map((value) => ({ value, how: 'another type', structural: false }));
  const object = valid as Record<string, unknown>;
  const properties = s.properties ?? {};
  const names = Object.keys(properties);
  // The body itself of another type.
  options.push(fc.constantFrom(null, 5, 'text', [], [object]).map((value) => ({ value, how: 'body of another type', structural: true })));
  if (names.length) {
    options.push(
      fc.tuple(fc.constantFrom(...names), fc.constantFrom(...WRONG_TYPES)).filter(([name, value]) => !accepts(resolve(properties[name], components), value, components)).map(([name, value]) => ({ value: { ...object, [name]: value }, how: `${name} of another type`, structural: true })),
    );
    options.push(fc.tuple(fc.constantFrom(...names), hostileString).map(([name, value]) => ({ value: { ...object, [name]: value }, how: `${name} hostile`, structural: false })));
  }
  const required = (s.required ?? []).filter((name) => name in object);
  if (required.length) {
    options.push(
      fc.constantFrom(...required).map((name) => {
        const { [name]: _dropped, ...rest } = object;
        return { value: rest, how: `${name} missing`, structural: true };
      }),
    );
  }
  if (s.additionalProperties === false) {
    options.push(fc.constantFrom('unknownField', '__proto__', 'constructor', 'toString').map((name) => ({ value: withOwnKey(object, name, 1), how: `unknown field ${name}`, structural: true })));
  }
  return fc.oneof(...options);
}

/** A copy with an own property of any name (an object literal's "__proto__" would set the prototype instead). */
function withOwnKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Whether a value is of a type the schema allows (types only: enough to know a wrong type is wrong). */
function accepts(schema: JsonSchema, value: unknown, components: Record<string, JsonSchema>): boolean {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return choices.some((c) => accepts(resolve(c, components), value, components));
  if ('const' in schema) return schema.const === value;
  if (schema.enum) return schema.enum.includes(value);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : null;
  if (!types) return true;
  return types.some((t) => {
    if (t === 'null') return value === null;
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
    if (t === 'integer') return Number.isInteger(value);
    return typeof value === t;
  });
}
