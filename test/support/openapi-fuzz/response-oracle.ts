import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { DocOperation, FuzzCase } from './operation-cases.js';
import type { RawResponse } from './raw-http.js';
import type { JsonSchema } from './schema-values.js';

/** Statuses that refuse a request for what it is: a valid one must never get them. */
const REFUSALS = new Set([400, 401, 403, 413, 415, 429]);

const EXPECTED_STATUS: Partial<Record<FuzzCase['expect'], number>> = { unauthorized: 401, forbidden: 403, 'unsupported media type': 415, 'too large': 413 };

/** Rewrites the document's own references so that a schema compiled on its own finds them. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/', 'openapi#/components/') : rebased(v)]));
}

/**
 * Judges each answer by the document alone: never a 5xx; a status the
 * operation documents; the media type documented for it, and a JSON body that
 * its schema accepts; and what the case expects (a valid request is never
 * refused, a structurally invalid one never accepted, and so on).
 */
export class ResponseOracle {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false });
  private readonly compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(components: Record<string, JsonSchema>, customFormats: string[]) {
    addFormats.default(this.ajv);
    // The document's own formats are rules in words; here they are annotations.
    for (const format of customFormats) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: 'openapi', components: rebased({ schemas: components }) });
  }

  /** What is wrong with this answer, or null. */
  problem(op: DocOperation, fuzzCase: FuzzCase, res: RawResponse): string | null {
    const status = res.status;
    const text = () => res.body.toString('utf8').slice(0, 300).replace(/\s+/g, ' ');
    if (status >= 500) return `${status}: ${text()}`;
    const documented = op.responses[String(status)];
    if (!documented) return `undocumented status ${status}: ${text()}`;
    const types = Object.keys(documented.content ?? {});
    const type = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    if (types.length && !types.includes(type)) return `${status} as ${type || 'no content type'}, documented as ${types.join(', ')}`;
    if (type === 'application/json' && documented.content?.['application/json']) {
      let body: unknown;
      try {
        body = JSON.parse(res.body.toString('utf8'));
      } catch {
        return `${status}: a body that is not JSON: ${text()}`;
      }
      const validate = this.validator(documented.content['application/json'].schema);
      if (!validate(body)) return `${status}: a body its documented schema refuses (${this.ajv.errorsText(validate.errors)}): ${text()}`;
    }
    const expected = EXPECTED_STATUS[fuzzCase.expect];
    if (expected !== undefined && status !== expected) return `expected ${expected}, got ${status}: ${text()}`;
    if (fuzzCase.expect === 'accepted' && REFUSALS.has(status)) return `a request valid by the document refused with ${status}: ${text()}`;
    if (fuzzCase.expect === 'refused' && status < 400) return `accepted (${status}) a body the document refuses`;
    return null;
  }

  private validator(schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebased(schema) as object);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}
