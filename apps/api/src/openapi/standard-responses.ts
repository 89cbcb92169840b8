import { z } from 'zod';
import type { ResponseSpec, OperationSpec } from './operation.js';

/** Every JSON error: the status, its name, a sentence, and for invalid input the reason per field. */
export const errorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'Each field at fault (body field, query or path parameter, or "body"), with its reason' }),
  })
  .meta({ id: 'Error' });

const retryAfter = z.object({
  'Retry-After': z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait before trying again' }),
});

const kilobytes = (bytes: number) => (bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes / 1024} kB`);

/**
 * What an operation answers besides its success: the statuses every
 * operation of its kind may answer (derived from what it takes and whether it
 * needs the admin token), then its own (404, 409, 410, 503).
 */
export function errorResponses(spec: OperationSpec): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = {};
  const takesInput = spec.params || spec.query || spec.body;
  responses[400] = {
    description: takesInput
      ? 'Invalid input: `fields` names each field at fault with its reason. Also a NUL byte anywhere (path, query or body), a body that cannot be read, or a URL that cannot be decoded.'
      : 'A NUL byte in the query, or a URL that cannot be decoded.',
  };
  if (spec.auth === 'admin') {
    responses[401] = { description: 'Missing or wrong `Authorization: Bearer <ADMIN_TOKEN>`.' };
    if (spec.method !== 'get') responses[403] = { description: "A browser request from another site (`Origin` or `Sec-Fetch-Site`): admin changes come from this site's pages or from non-browser clients only." };
  }
  if (spec.body) {
    responses[413] = { description: `The body is larger than ${kilobytes(spec.body.limitBytes)}, or a form has more than 1000 fields.` };
    responses[415] = { description: `The body is not ${Object.keys(spec.body.content).join(' or ')}, or its charset or content encoding is not supported.` };
  }
  if (spec.rateLimited !== false) {
    responses[429] = {
      description: spec.auth === 'admin' ? 'Too many requests, or too many wrong admin tokens, from this client IP: try again after `Retry-After` seconds.' : 'Too many requests from this client IP: try again after `Retry-After` seconds.',
      headers: retryAfter,
    };
  }
  for (const [status, response] of Object.entries(spec.errors ?? {})) responses[Number(status)] = typeof response === 'string' ? { description: response } : response;
  return responses;
}
