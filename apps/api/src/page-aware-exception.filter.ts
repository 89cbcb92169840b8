import { Catch } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createElement } from 'react';
import { HttpExceptionFilter, type ErrorBody } from '@app/platform';
import { ErrorPage } from './pages/error-page.js';
import { PAGE_HEADERS, renderPage } from './pages/page-layout.js';

/** First path segments of the site's HTML pages, the forms they post, and their assets. */
const PAGE_ROOTS = new Set(['', 'subscribe', 'check-inbox', 'confirm', 'unsubscribe', 'preferences', 'feedback', 'digests', 'papers', 'assets']);
/** Always JSON, whatever the client accepts: the API, the probes, the OpenAPI document. */
const JSON_ROOTS = new Set(['api', 'health', 'ready', 'docs']);

/** Should this error be a page? Page routes always; elsewhere when the client prefers HTML to JSON. */
export function wantsHtmlError(req: Request): boolean {
  const root = req.path.toLowerCase().split('/')[1] ?? '';
  if (JSON_ROOTS.has(root)) return false;
  if (PAGE_ROOTS.has(root)) return true;
  return req.accepts(['json', 'html']) === 'html';
}

/**
 * The app's exception filter: JSON for the API, and for a form post or a
 * browser the same error as a small page of the site (a 413 or 429 after
 * submitting a form should not be a screen of JSON).
 */
@Catch()
export class PageAwareExceptionFilter extends HttpExceptionFilter {
  protected override send(request: Request, response: Response, body: ErrorBody): void {
    if (!wantsHtmlError(request)) return super.send(request, response, body);
    response
      .status(body.statusCode)
      .set(PAGE_HEADERS)
      .type('html')
      .send(renderPage(createElement(ErrorPage, { status: body.statusCode, message: body.message, fields: body.fields })));
  }
}
