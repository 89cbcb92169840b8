import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createElement } from 'react';
import { z } from 'zod';
import { DeliveryRepository, PaperRepository, SubscriberRepository, type Paper } from '@app/database';
import { renderEmail } from '@app/mail';
import { isCalendarDay } from '@app/platform';
import { toDigestPaper } from '@app/delivery';
import { LinkVerifier } from '@app/subscribers';
import { linkToken } from '../openapi/api-schemas.js';
import { defineOperation, Input, Operation, type OperationInput, SITE_PAGE } from '../openapi/operation.js';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { MessagePage } from '../pages/subscription-pages.js';

// The email's own HTML, shown as a page: inline styles allowed, scripts and remote loads not.
const EMAIL_PAGE_HEADERS = {
  ...PAGE_HEADERS,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

const VIEW = defineOperation({
  method: 'get',
  path: '/digests/{token}/{date}',
  operationId: 'digestPage',
  summary: '"View in browser": an edition the subscriber was sent',
  ...SITE_PAGE,
  // A link that names no edition (any other date) is as unknown as a forged one: 404, not 400.
  params: z.object({
    token: linkToken('The token of a "view in browser" link'),
    date: z.string().meta({ description: 'The edition, YYYY-MM-DD', examples: ['2026-11-20'] }),
  }),
  success: { status: 200, description: 'The email, as a page' },
  errors: { 404: 'Not a link Paperboy sent, signed out, or no edition was sent that day: a page saying so.' },
});

/** "View in browser": the edition a subscriber was sent, with the papers it carried. */
@Controller()
export class DigestViewController {
  constructor(
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(PaperRepository) private readonly papers: PaperRepository,
    @Inject(SubscriberRepository) private readonly subscribers: SubscriberRepository,
    @Inject(LinkVerifier) private readonly verifier: LinkVerifier,
  ) {}

  @Operation(VIEW)
  async view(@Input() { params: { token, date } }: OperationInput<typeof VIEW>, @Res() res: Response) {
    // A signed-out link (an older link generation) is as unknown as a forged one.
    const subscriber = isCalendarDay(date) ? await this.verifier.subscriber(token, 'view') : null;
    const delivery = subscriber ? await this.deliveries.findOne(subscriber.id, date) : null;
    if (!subscriber || !delivery || delivery.paperIds.length === 0) {
      res.status(404).set(PAGE_HEADERS).type('html').send(renderPage(createElement(MessagePage, { title: 'No such digest', children: createElement('p', null, 'This link is not valid, or that edition was not sent.') })));
      return;
    }
    const papers = await this.papers.byIds(delivery.paperIds);
    const ordered = delivery.paperIds.map((id) => papers.find((p) => p.arxivId === id)).filter((p): p is Paper => p !== undefined);
    const interests = await this.subscribers.interests(subscriber.id);
    const links = this.verifier.links;
    const generation = subscriber.linkGeneration;
    const { html } = await renderEmail('digest', {
      editionDate: date,
      papers: ordered.map((p) => {
        const feedback = links.paperFeedbackBase(subscriber.id, p.arxivId, generation);
        return { paper: toDigestPaper(p), reasons: [], feedbackUpUrl: `${feedback}/up`, feedbackDownUrl: `${feedback}/down` };
      }),
      manageUrl: links.manage(subscriber.id, generation),
      unsubscribeUrl: links.unsubscribe(subscriber.id, generation),
      viewInBrowserUrl: links.viewInBrowser(subscriber.id, date, generation),
      reason: `Your Paperboy digest of ${date}, for ${[...interests.topics.map((t) => t.name), ...interests.keywords].join(', ') || 'your interests'}.`,
    });
    res.status(200).set(EMAIL_PAGE_HEADERS).type('html').send(html);
  }
}
