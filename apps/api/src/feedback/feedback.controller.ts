import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createElement } from 'react';
import { z } from 'zod';
import { NotFoundError } from '@app/platform';
import { FORM_BODY_LIMIT, linkToken } from '../openapi/api-schemas.js';
import { defineOperation, Input, Operation, type OperationInput, SITE_PAGE } from '../openapi/operation.js';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { ActionPage, MessagePage } from '../pages/subscription-pages.js';
import { FeedbackService, type Vote } from './feedback.service.js';

const LABEL: Record<Vote, string> = { up: '👍 More like this', down: '👎 Less like this' };

function voteOf(value: string): Vote {
  if (value === 'up' || value === 'down') return value;
  throw new NotFoundError('This feedback link is not valid.');
}

// A feedback link names its paper and vote; one that names anything else is not a link Paperboy sent (404), not a bad request.
const feedbackLink = z.object({
  token: linkToken('The token of a feedback link (bound to its paper)'),
  paperId: z.string().meta({ description: 'The arXiv id of the paper', examples: ['2511.00042'] }),
  vote: z.string().meta({ description: '`up` or `down` (anything else: 404)', examples: ['up'] }),
});
const NOT_A_LINK = 'Not a feedback link Paperboy sent for this paper, signed out, or the paper is gone: a page saying so.';

const PAGE = defineOperation({
  method: 'get',
  path: '/feedback/{token}/{paperId}/{vote}',
  operationId: 'feedbackPage',
  summary: 'One button to record a 👍 or 👎 on a paper (a GET records nothing)',
  ...SITE_PAGE,
  params: feedbackLink,
  success: { status: 200, description: 'The page' },
  errors: { 404: NOT_A_LINK },
});

const RECORD = defineOperation({
  method: 'post',
  path: '/feedback/{token}/{paperId}/{vote}',
  operationId: 'recordFeedback',
  summary: 'Record the vote (the latest vote on a paper wins)',
  ...SITE_PAGE,
  params: feedbackLink,
  body: { content: { 'application/x-www-form-urlencoded': z.object({}) }, limitBytes: FORM_BODY_LIMIT },
  success: { status: 200, description: 'Recorded' },
  errors: { 404: NOT_A_LINK },
});

/** GET shows one button (link scanners fetch every URL in an email); POST records the vote. */
@Controller()
export class FeedbackController {
  constructor(@Inject(FeedbackService) private readonly feedback: FeedbackService) {}

  @Operation(PAGE)
  async page(@Input() { params: { token, paperId, vote } }: OperationInput<typeof PAGE>, @Res() res: Response) {
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

  @Operation(RECORD)
  async record(@Input() { params: { token, paperId, vote } }: OperationInput<typeof RECORD>, @Res() res: Response) {
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
