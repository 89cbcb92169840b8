import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createElement } from 'react';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { MessagePage } from '../pages/subscription-pages.js';
import { LinkVerifier } from './link-verifier.js';

/**
 * "View in browser" links (`/digests/<token>/<date>`) are signed out with the
 * subscriber's other links. The digest page checks the token's seal itself;
 * this adds the generation check in front of it, answering a signed-out link
 * with the page's own 404.
 */
@Injectable()
export class SignedOutViewLinks implements NestMiddleware {
  constructor(@Inject(LinkVerifier) private readonly verifier: LinkVerifier) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const token = /^\/digests\/([^/]+)\/[^/]+\/?$/.exec(req.originalUrl.split('?')[0])?.[1];
    // Not a token at all: the page answers its own 404.
    if (!token || !this.verifier.links.verify(token, 'view')) return next();
    const check = await this.verifier.check(token, 'view');
    if (check.kind !== 'invalid') return next();
    res
      .status(404)
      .set(PAGE_HEADERS)
      .type('html')
      .send(renderPage(createElement(MessagePage, { title: 'No such digest', children: createElement('p', null, 'This link is not valid, or that edition was not sent.') })));
  }
}
