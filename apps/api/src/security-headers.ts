import type { NextFunction, Request, Response } from 'express';

/** First path segments whose URLs carry a subscriber's token or admin data: never cached. */
const PRIVATE_ROOTS = new Set(['preferences', 'confirm', 'unsubscribe', 'feedback', 'digests', 'admin']);
const PRIVATE_API_ROOTS = new Set(['preferences', 'admin']);

/** The first one or two path segments, lower-cased (Express routes ignore case). */
function segments(path: string): [string, string] {
  const [first = '', second = ''] = path.toLowerCase().split('/').filter(Boolean);
  return [first, second];
}

export function carriesPrivateData(path: string): boolean {
  const [first, second] = segments(path);
  return first === 'api' ? PRIVATE_API_ROOTS.has(second) : PRIVATE_ROOTS.has(first);
}

/**
 * swagger-ui at /docs: its own scripts and styles (served from /docs), inline
 * styles in its page, and requests to this origin only (so `?url=` cannot load
 * a spec from elsewhere).
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Headers every response gets before its handler runs: no MIME sniffing, no
 * framing by other sites (pages replace the CSP with their full policy), and
 * no caching of anything reached through a token.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', segments(req.path)[0] === 'docs' ? DOCS_CSP : "frame-ancestors 'none'");
  if (carriesPrivateData(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
