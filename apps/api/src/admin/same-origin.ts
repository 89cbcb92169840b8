import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Is this request one another site's page cannot have made? Browsers mark
 * every request with Sec-Fetch-Site, and cross-origin (and same-origin
 * non-GET) ones with Origin; a script cannot forge either. A request with
 * neither comes from a program (curl, a script with the bearer token), which
 * no other site can drive. Only state-changing methods are checked.
 */
export function isSameOriginOrNonBrowser(req: Request, publicUrl: string): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    // Behind a proxy PUBLIC_URL is the public origin; direct access matches the Host header.
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) and other non-URLs
  }
}
