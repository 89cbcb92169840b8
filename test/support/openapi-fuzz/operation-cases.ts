import fc from 'fast-check';
import type { RawRequest } from './raw-http.js';
import { validValue, type Hints, type JsonSchema } from './schema-values.js';
import { hostileString, violation } from './schema-violations.js';

/** An operation as the document states it. */
export interface DocOperation {
  method: string;
  path: string;
  operationId: string;
  parameters: Array<{ name: string; in: 'path' | 'query'; required?: boolean; schema: JsonSchema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
}

interface OpenApi {
  paths: Record<string, Record<string, Omit<DocOperation, 'method' | 'path'>>>;
  components: { schemas: Record<string, JsonSchema> };
}

export function operationsOf(document: OpenApi): DocOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method, path, parameters: op.parameters ?? [] })));
}

/** What a case says the server must answer, beyond the rules every answer follows. */
export type Expectation =
  /** Valid by the document: never refused for what the document does not state (no 400, 401, 403, 413, 415). */
  | 'accepted'
  /** Breaks the schema structurally (type, required, unknown field): refused with a 4xx. */
  | 'refused'
  | 'unauthorized'
  | 'forbidden'
  | 'unsupported media type'
  | 'too large'
  /** Anything documented, never a 5xx. */
  | 'documented';

export interface FuzzCase {
  label: string;
  request: RawRequest;
  expect: Expectation;
}

export interface FuzzContext {
  components: Record<string, JsonSchema>;
  hints: Hints;
  /** Values of a path parameter that name something real (tokens of seeded subscribers, catalog slugs). */
  known(operation: DocOperation, parameter: string): string[];
  adminToken: string;
  /** A sample ImportRow-shaped CSV for text/csv bodies. */
  csv: fc.Arbitrary<string>;
}

type Params = Record<string, string>;
type Query = Array<[string, string]>;

const isAdmin = (op: DocOperation) => Array.isArray(op.security) && op.security.length > 0;
/** Whether a string has no lone surrogate (encodeURIComponent throws on one). */
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Percent-encodes the UTF-8 of a string, as a client does (a lone surrogate is sent as U+FFFD, never an exception). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function fillPath(op: DocOperation, params: Params): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? percentEncode(params[name]) : `{${name}}`));
}

function queryString(query: Query): string {
  return query.length ? `?${query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}` : '';
}

/** A query parameter's value as the client writes it: text (a number in decimal, as OpenAPI's form style does). */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function validParams(op: DocOperation, context: FuzzContext): fc.Arbitrary<Params> {
  const shape: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const known = context.known(op, p.name);
    const generated = validValue(p.schema, context.components, context.hints)
      .map((v) => asText(v) ?? '')
      .filter((v) => v !== '' && wellFormed(v));
    shape[p.name] = known.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated }) : generated;
  }
  return fc.record(shape);
}

function validQuery(op: DocOperation, context: FuzzContext): fc.Arbitrary<Query> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of op.parameters.filter((x) => x.in === 'query')) shape[p.name] = validValue(p.schema, context.components, context.hints);
  const required = op.parameters.filter((x) => x.in === 'query' && x.required).map((x) => x.name);
  return fc.record(shape, { requiredKeys: required }).map((values) =>
    Object.entries(values).flatMap(([k, v]) => {
      const text = asText(v);
      return text === undefined || !wellFormed(text) ? [] : [[k, text] as [string, string]];
    }),
  );
}

/** The body as a client sends it in a media type. */
function encode(media: string, value: unknown): Buffer {
  if (media === 'application/json') return Buffer.from(JSON.stringify(value));
  if (media === 'text/csv') return Buffer.from(String(value));
  const fields = Object.entries((value ?? {}) as Record<string, unknown>).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const])).filter(([, v]) => v !== undefined);
  if (media === 'multipart/form-data') {
    const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
    const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${asText(v) ?? ''}\r\n`);
    return Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
  }
  return Buffer.from(fields.map(([k, v]) => `${percentEncode(k)}=${percentEncode(asText(v) ?? '')}`).join('&'));
}

const contentTypeOf = (media: string) => (media === 'multipart/form-data' ? 'multipart/form-data; boundary=fuzzboundary7MA4YWxkTrZu0gW' : media === 'application/json' ? 'application/json' : media);

function validBody(op: DocOperation, context: FuzzContext): fc.Arbitrary<{ media: string; value: unknown } | undefined> {
  const content = op.requestBody?.content;
  if (!content) return fc.constant(undefined);
  return fc.constantFrom(...Object.keys(content)).chain((media) => {
    const schema = content[media].schema;
    const value = media === 'text/csv' ? context.csv : validValue(schema, context.components, context.hints);
    return value.map((v) => ({ media, value: v }));
  });
}

function authHeaders(op: DocOperation, context: FuzzContext): Record<string, string> {
  return isAdmin(op) ? { authorization: `Bearer ${context.adminToken}` } : {};
}

const acceptHeader = fc.constantFrom('*/*', 'application/json', 'text/html', 'text/html,application/xhtml+xml;q=0.9', '');

function request(op: DocOperation, params: Params, query: Query, headers: Record<string, string>, body?: { type: string; bytes: Buffer }): RawRequest {
  return {
    method: op.method.toUpperCase(),
    path: fillPath(op, params) + queryString(query),
    headers: { ...headers, ...(body ? { 'content-type': body.type } : {}) },
    ...(body ? { body: body.bytes } : {}),
  };
}

/** Requests the document says are valid, with the right credentials. */
function conforming(op: DocOperation, context: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc.tuple(validParams(op, context), validQuery(op, context), validBody(op, context), acceptHeader).map(([params, query, body, accept]) => {
    const csvConsent: Query = body?.media === 'text/csv' ? [['consent', 'true']] : [];
    const headers = { ...authHeaders(op, context), ...(accept ? { accept } : {}) };
    const sent = body ? { type: contentTypeOf(body.media), bytes: encode(body.media, body.value) } : undefined;
    return { label: `valid${body ? ` ${body.media}` : ''}`, request: request(op, params, [...query.filter(([k]) => !(csvConsent.length && k === 'consent')), ...csvConsent], headers, sent), expect: 'accepted' as const };
  });
}

/** A valid request whose body breaks the schema. */
function badBody(op: DocOperation, context: FuzzContext): fc.Arbitrary<FuzzCase> | null {
  const content = op.requestBody?.content;
  if (!content) return null;
  const media = Object.keys(content).find((m) => m === 'application/json' || m === 'application/x-www-form-urlencoded');
  if (!media) return null;
  const schema = content[media].schema;
  return fc
    .tuple(validParams(op, context), validQuery(op, context), validValue(schema, context.components, context.hints))
    .chain(([params, query, valid]) =>
      (media === 'application/json' ? violation(schema, valid, context.components) : formViolation(valid)).map((broken) => ({
        label: `body: ${broken.how}`,
        request: request(op, params, query, authHeaders(op, context), { type: media, bytes: encode(media, broken.value) }),
        expect: broken.structural ? ('refused' as const) : ('documented' as const),
      })),
    );
}

/** What a form can carry wrong: a text field given twice (refused), or hostile text in a field. */
function formViolation(valid: unknown): fc.Arbitrary<{ value: unknown; how: string; structural: boolean }> {
  const form = (valid ?? {}) as Record<string, unknown>;
  const texts = Object.entries(form).filter(([, v]) => typeof v === 'string').map(([k]) => k);
  const hostile = fc.tuple(fc.constantFrom(...(Object.keys(form).length ? Object.keys(form) : ['field'])), hostileString).map(([k, v]) => ({ value: { ...form, [k]: v }, how: `${k} hostile`, structural: false }));
  if (!texts.length) return hostile;
  // Some form fields take a list (checkboxes); only a text-only field given twice must be refused: the oracle learns which from the document.
  const twice = fc.constantFrom(...texts).map((k) => ({ value: { ...form, [k]: [form[k], form[k]] }, how: `${k} given twice`, structural: false }));
  return fc.oneof(hostile, twice);
}

/** Path and query parameters that are not what the document asks for. */
function badParameters(op: DocOperation, context: FuzzContext): fc.Arbitrary<FuzzCase> {
  const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const hostile = hostileString.filter(wellFormed).filter((s) => s !== '');
  return fc
    .tuple(
      validParams(op, context),
      validQuery(op, context),
      fc.dictionary(fc.constantFrom(...(pathNames.length ? pathNames : ['-'])), hostile, { maxKeys: 2 }),
      fc.array(fc.tuple(fc.constantFrom(...queryNames, 'x', '__proto__', 'date[x]'), fc.oneof(hostile, fc.constant(''))), { maxLength: 3 }),
      validBody(op, context),
    )
    .chain(([params, query, badPath, badQuery, body]) =>
      // Sometimes bytes no encoder would write: malformed escapes, invalid UTF-8, an encoded NUL.
      fc.option(fc.constantFrom('%', '%zz', '%FF%FE', '%C0%AF', '%ED%A0%80', '%00', '%E0%A4%A'), { freq: 3 }).map((raw) => {
        const sent = body ? { type: contentTypeOf(body.media), bytes: encode(body.media, body.value) } : undefined;
        const consent: Query = body?.media === 'text/csv' ? [['consent', 'true']] : [];
        const req = request(op, { ...params, ...Object.fromEntries(Object.entries(badPath).filter(([k]) => k !== '-')) }, [...query, ...badQuery, ...consent], authHeaders(op, context), sent);
        if (raw !== null && pathNames.length) req.path = req.path.replace(/^([^?]*\/)([^/?]*)/, `$1$2${raw}`);
        else if (raw !== null) req.path += `${req.path.includes('?') ? '&' : '?'}x=${raw}`;
        return { label: raw === null ? 'hostile parameters' : `hostile parameters, raw ${raw}`, request: req, expect: 'documented' as const };
      }),
    );
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Bodies no schema expects: unreadable, huge, deeply nested, in the wrong media type. */
function badBodies(op: DocOperation, context: FuzzContext): fc.Arbitrary<FuzzCase> {
  const content = op.requestBody?.content ?? {};
  const accepted = Object.keys(content);
  const takes = (media: string) => accepted.includes(media);
  const limit = 5 * 1024 * 1024; // The largest any operation takes; more is always refused.
  const raw = (label: string, type: string | undefined, bytes: Buffer, expect: Expectation) => ({ label, type, bytes, expect });
  const options = fc.oneof(
    fc.constant(raw('invalid JSON', 'application/json', Buffer.from('{"email": "a@b.test",'), takes('application/json') ? 'refused' : 'documented')),
    fc.integer({ min: 1_000, max: 40_000 }).map((d) => raw(`JSON nested ${d} deep`, 'application/json', Buffer.from(nested(d)), takes('application/json') ? 'refused' : 'documented')),
    fc.integer({ min: 1_000, max: 20_000 }).map((d) => raw(`object nested ${d} deep`, 'application/json', Buffer.from(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`), takes('application/json') ? 'refused' : 'documented')),
    fc.constant(raw('JSON over every limit', 'application/json', Buffer.from(`{"x":"${'a'.repeat(limit)}"}`), takes('application/json') ? 'too large' : 'documented')),
    fc.constant(raw('form over every limit', 'application/x-www-form-urlencoded', Buffer.from(`x=${'a'.repeat(limit)}`), takes('application/x-www-form-urlencoded') ? 'too large' : 'documented')),
    fc.constant(raw('form with 2000 fields', 'application/x-www-form-urlencoded', Buffer.from(Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&')), takes('application/x-www-form-urlencoded') ? 'too large' : 'documented')),
    fc.constant(raw('NUL in a form', 'application/x-www-form-urlencoded', Buffer.from('email=a%00b%40example.org&keywords=x%00'), takes('application/x-www-form-urlencoded') ? 'refused' : 'documented')),
    // JSON may come in any UTF (it is decoded as its charset says); other charsets are not JSON.
    fc.constant(raw('UTF-16 JSON', 'application/json; charset=utf-16le', Buffer.from('{"a":1}', 'utf16le'), takes('application/json') ? 'refused' : 'documented')),
    fc.constant(raw('Latin-1 JSON', 'application/json; charset=iso-8859-1', Buffer.from('{"a":"\u00e9"}', 'latin1'), takes('application/json') ? 'unsupported media type' : 'documented')),
    fc.constant(raw('UTF-16 CSV without its charset', 'text/csv', Buffer.from('\ufeffemail\nada@example.org\n', 'utf16le'), takes('text/csv') ? 'refused' : 'documented')),
    fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'image/png', 'application/x-www-form-urlencoded', 'application/json', 'text/csv', 'multipart/form-data; boundary=x').map((type) =>
      raw(`a body as ${type}`, type, Buffer.from('<a>1</a>'), accepted.length && !accepted.some((m) => type.startsWith(m)) ? 'unsupported media type' : 'documented'),
    ),
    fc.constant(raw('a body without a type', undefined, Buffer.from('{"a":1}'), accepted.length ? 'unsupported media type' : 'documented')),
  );
  return fc.tuple(validParams(op, context), options).map(([params, body]) => {
    const consent: Query = takes('text/csv') && body.type === 'text/csv' ? [['consent', 'true']] : [];
    const req = request(op, params, consent, authHeaders(op, context), body.type ? { type: body.type, bytes: body.bytes } : undefined);
    if (!body.type) req.body = body.bytes;
    return { label: body.label, request: req, expect: body.expect };
  });
}

/** Admin operations without the token, with a wrong one, or from another site's page. */
function badCredentials(op: DocOperation, context: FuzzContext): fc.Arbitrary<FuzzCase> | null {
  if (!isAdmin(op)) return null;
  const crossSiteRefused = op.method !== 'get';
  return fc
    .tuple(
      conforming(op, context),
      fc.constantFrom<[string, Record<string, string>, Expectation]>(
        ['no credentials', {}, 'unauthorized'],
        ['a wrong token', { authorization: 'Bearer wrong-token-0123456789' }, 'unauthorized'],
        ['a token with a NUL escape', { authorization: `Bearer ${context.adminToken}%00` }, 'unauthorized'],
        ['basic credentials with a wrong password', { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` }, 'unauthorized'],
        ['an unknown scheme', { authorization: `Token ${context.adminToken}` }, 'unauthorized'],
        ['the right token from another site', { authorization: `Bearer ${context.adminToken}`, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, crossSiteRefused ? 'forbidden' : 'accepted'],
      ),
    )
    .map(([valid, [label, headers, expect]]) => {
      const { authorization: _ignored, ...rest } = valid.request.headers;
      return { label, request: { ...valid.request, headers: { ...rest, ...headers } }, expect };
    });
}

/** Every kind of request for one operation, valid ones most often. */
export function fuzzCases(op: DocOperation, context: FuzzContext): fc.Arbitrary<FuzzCase> {
  const kinds: Array<{ weight: number; arbitrary: fc.Arbitrary<FuzzCase> }> = [
    { weight: 5, arbitrary: conforming(op, context) },
    { weight: 2, arbitrary: badParameters(op, context) },
    { weight: 2, arbitrary: badBodies(op, context) },
  ];
  const body = badBody(op, context);
  if (body) kinds.push({ weight: 3, arbitrary: body });
  const credentials = badCredentials(op, context);
  if (credentials) kinds.push({ weight: 2, arbitrary: credentials });
  return fc.oneof(...kinds);
}
