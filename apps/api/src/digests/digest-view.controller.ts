import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createElement } from 'react';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '@app/config';
import { Delivery, loadSubscriberInterests, Paper, Subscriber } from '@app/database';
import { renderDigestFull } from '@app/mail';
import { isCalendarDay } from '@app/platform';
import { toDigestPaper } from '@app/recommendations';
import { SubscriberLinks } from '@app/subscribers';
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
  private readonly links: SubscriberLinks;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {
    this.links = new SubscriberLinks(config.publicUrl, config.tokenSecret);
  }

  @Get()
  async view(@Param('token') token: string, @Param('date') date: string, @Res() res: Response) {
    const subscriberId = this.links.verify(token, 'view');
    const [subscriber, delivery] = subscriberId && isCalendarDay(date)
      ? await Promise.all([
          this.dataSource.getRepository(Subscriber).findOneBy({ id: subscriberId }),
          this.dataSource.getRepository(Delivery).findOneBy({ subscriberId, editionDate: date }),
        ])
      : [null, null];
    if (!subscriber || !delivery || delivery.paperIds.length === 0) {
      res.status(404).set(PAGE_HEADERS).type('html').send(renderPage(createElement(MessagePage, { title: 'No such digest', children: createElement('p', null, 'This link is not valid, or that edition was not sent.') })));
      return;
    }
    const papers = await this.dataSource.getRepository(Paper).findBy({ arxivId: In(delivery.paperIds) });
    const ordered = delivery.paperIds.map((id) => papers.find((p) => p.arxivId === id)).filter((p): p is Paper => p !== undefined);
    const interests = await loadSubscriberInterests(this.dataSource.manager, subscriber.id);
    const feedbackBase = this.links.feedbackBase(subscriber.id);
    const { html } = await renderDigestFull({
      editionDate: date,
      papers: ordered.map((p) => ({
        paper: toDigestPaper(p),
        reasons: [],
        feedbackUpUrl: `${feedbackBase}/${encodeURIComponent(p.arxivId)}/up`,
        feedbackDownUrl: `${feedbackBase}/${encodeURIComponent(p.arxivId)}/down`,
      })),
      manageUrl: this.links.manage(subscriber.id),
      unsubscribeUrl: this.links.unsubscribe(subscriber.id),
      viewInBrowserUrl: this.links.viewInBrowser(subscriber.id, date),
      reason: `Your Paperboy digest of ${date}, for ${[...interests.topics.map((t) => t.name), ...interests.keywords].join(', ') || 'your interests'}.`,
    });
    res.status(200).set(EMAIL_PAGE_HEADERS).type('html').send(html);
  }
}
