import type { Request } from 'express';
import { InvalidInputError } from './domain-errors.js';

const REASON = 'must not contain NUL bytes';
const UTF16_REASON = 'looks like UTF-16 text: send it as UTF-8, or name its encoding (for example Content-Type: text/csv; charset=utf-16)';

/**
 * Text in UTF-16 read as UTF-8 (a body sent without its charset) has a NUL
 * beside almost every ASCII character: worth a clearer reason than "NUL bytes".
 */
export function looksLikeMisreadUtf16(text: string): boolean {
  const sample = text.slice(0, 1000);
  let nuls = 0;
  for (const char of sample) if (char === '\0') nuls++;
  return nuls >= sample.length / 4;
}

/**
 * Where a NUL byte hides in a value (a string, or any key or string inside
 * nested objects and lists): the top-level key holding it, '' for the value
 * itself (or a top-level key), or null when there is none. Iterative, so a deeply nested body
 * cannot exhaust the stack.
 */
export function findNulByte(value: unknown): string | null {
  const stack: Array<{ value: unknown; top: string }> = [{ value, top: '' }];
  while (stack.length) {
    const { value: current, top } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\0')) return top;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push({ value: item, top });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        // A key with a NUL is named by its parent (or, at the top, by the request part).
        if (key.includes('\0')) return top;
        stack.push({ value: item, top: top || key });
      }
    }
  }
  return null;
}

/**
 * Postgres refuses NUL in text, so a NUL anywhere in a request would surface
 * as a 500 from whichever query first met it. One check for every route
 * (OperationInputInterceptor, after the body is read): path parameters, query
 * and body. (Node's HTTP parser already refuses NUL in header values.)
 */
export function refuseNulBytes(req: Pick<Request, 'params' | 'query' | 'body'>): void {
  for (const [part, value] of [
    ['path', req.params],
    ['query', req.query],
    ['body', req.body as unknown],
  ] as const) {
    const field = findNulByte(value);
    if (field === null) continue;
    const reason = typeof value === 'string' && looksLikeMisreadUtf16(value) ? UTF16_REASON : REASON;
    throw new InvalidInputError(reason, field || part);
  }
}
