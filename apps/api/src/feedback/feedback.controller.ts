import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createElement } from 'react';
import { NotFoundError } from '@app/platform';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { ActionPage, MessagePage } from '../pages/subscription-pages.js';
import { FeedbackService, type Vote } from './feedback.service.js';

const LABEL: Record<Vote, string> = { up: '👍 More like this', down: '👎 Less like this' };

function voteOf(value: string): Vote {
  if (value === 'up' || value === 'down') return value;
  throw new NotFoundError('This feedback link is not valid.');
}

/** GET shows one button (link scanners fetch every URL in an email); POST records the vote. */
@ApiExcludeController()
@Controller('feedback/:token/:paperId/:vote')
export class FeedbackController {
  constructor(@Inject(FeedbackService) private readonly feedback: FeedbackService) {}

  @Get()
  async page(@Param('token') token: string, @Param('paperId') paperId: string, @Param('vote') vote: string, @Res() res: Response) {
    await this.respond(res, async () => {
      const v = voteOf(vote);
      const title = await this.feedback.paperTitle(token, paperId);
      return createElement(ActionPage, {
        title: LABEL[v],
        lead: `Tell Paperboy you want ${v === 'up' ? 'more' : 'fewer'} papers like “${title}”.`,
        action: `/feedback/${encodeURIComponent(token)}/${encodeURIComponent(paperId)}/${v}`,
        button: LABEL[v],
      });
    });
  }

  @Post()
  async record(@Param('token') token: string, @Param('paperId') paperId: string, @Param('vote') vote: string, @Res() res: Response) {
    await this.respond(res, async () => {
      const v = voteOf(vote);
      const { title } = await this.feedback.record(token, paperId, v);
      return createElement(MessagePage, {
        title: 'Thanks, noted',
        children: createElement('p', null, `Your next digests will show ${v === 'up' ? 'more' : 'fewer'} papers like “${title}”.`),
      });
    });
  }

  private async respond(res: Response, build: () => Promise<ReturnType<typeof createElement>>) {
    try {
      res.status(200).set(PAGE_HEADERS).type('html').send(renderPage(await build()));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      res.status(404).set(PAGE_HEADERS).type('html').send(renderPage(createElement(MessagePage, { title: 'This link is not valid', children: createElement('p', null, 'It may have been changed, or the paper is gone.') })));
    }
  }
}
