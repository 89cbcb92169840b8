import { MAX_RESPONSE_BYTES, readTextCapped, SourceTooLargeError } from './read-capped.js';

export interface FetchRetryOptions {
  attempts?: number;
  timeoutMs?: number;
  /** First backoff; doubles each attempt. */
  backoffMs?: number;
  signal?: AbortSignal;
  /** Larger bodies fail with SourceTooLargeError (default MAX_RESPONSE_BYTES). */
  maxBytes?: number;
}

export class SourceHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * GET with a per-attempt timeout, retrying network errors, 429 and 5xx with
 * exponential backoff. A 4xx other than 429 is the request's fault: no retry.
 */
export async function fetchTextWithRetry(url: string, options: FetchRetryOptions = {}): Promise<string> {
  const attempts = options.attempts ?? 3;
  let delay = options.backoffMs ?? 500;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 15000), ...(options.signal ? [options.signal] : [])];
      const res = await fetch(url, { signal: AbortSignal.any(signals), headers: { accept: 'application/json, application/atom+xml;q=0.9, */*;q=0.5', 'user-agent': 'Paperboy (+https://github.com/paperboy)' } });
      if (res.ok) {
        const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
        const declared = Number(res.headers.get('content-length') ?? 0);
        if (declared > maxBytes || !res.body) {
          await res.body?.cancel();
          if (declared > maxBytes) throw new SourceTooLargeError(`${url} announced ${declared} bytes, more than the ${maxBytes} Paperboy reads`);
          return '';
        }
        return await readTextCapped(res.body, maxBytes, `the answer of ${url}`);
      }
      lastError = new SourceHttpError(`${url} answered ${res.status}`, res.status);
      if (res.status !== 429 && res.status < 500) throw lastError;
    } catch (error) {
      if (error instanceof SourceHttpError && error.status !== 429 && error.status < 500) throw error;
      if (error instanceof SourceTooLargeError) throw error;
      if (options.signal?.aborted) throw error;
      lastError = error;
    }
    if (attempt < attempts) {
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
