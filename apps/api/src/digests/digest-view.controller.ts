import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createElement } from 'react';
import { DataSource, In } from 'typeorm';
import { Delivery, loadSubscriberInterests, Paper } from '@app/database';
import { renderEmail } from '@app/mail';
import { isCalendarDay } from '@app/platform';
import { toDigestPaper } from '@app/recommendations';
import { LinkVerifier } from '../links/link-verifier.js';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { MessagePage } from '../pages/subscription-pages.js';

// The email's own HTML, shown as a page: inline styles allowed, scripts and remote loads not.
const EMAIL_PAGE_HEADERS = {
  ...PAGE_HEADERS,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** "View in browser": the edition a subscriber was sent, with the papers it carried. */
@ApiExcludeController()
@Controller('digests/:token/:date')
export class DigestViewController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LinkVerifier) private readonly verifier: LinkVerifier,
  ) {}

  @Get()
  async view(@Param('token') token: string, @Param('date') date: string, @Res() res: Response) {
    // A signed-out link (an older link generation) is as unknown as a forged one.
    const subscriber = isCalendarDay(date) ? await this.verifier.subscriber(token, 'view') : null;
    const delivery = subscriber ? await this.dataSource.getRepository(Delivery).findOneBy({ subscriberId: subscriber.id, editionDate: date }) : null;
    if (!subscriber || !delivery || delivery.paperIds.length === 0) {
      res.status(404).set(PAGE_HEADERS).type('html').send(renderPage(createElement(MessagePage, { title: 'No such digest', children: createElement('p', null, 'This link is not valid, or that edition was not sent.') })));
      return;
    }
    const papers = await this.dataSource.getRepository(Paper).findBy({ arxivId: In(delivery.paperIds) });
    const ordered = delivery.paperIds.map((id) => papers.find((p) => p.arxivId === id)).filter((p): p is Paper => p !== undefined);
    const interests = await loadSubscriberInterests(this.dataSource.manager, subscriber.id);
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
