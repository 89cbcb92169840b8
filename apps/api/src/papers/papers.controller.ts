import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createElement } from 'react';
import { z } from 'zod';
import { calendarDay } from '@app/platform';
import { blankIsAbsent, dayOfPapersSchema } from '../openapi/api-schemas.js';
import { defineOperation, Input, Operation, type OperationInput, SITE_PAGE } from '../openapi/operation.js';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { PapersPage } from './papers-page.js';
import { PapersService } from './papers.service.js';

// An empty date is no date: the latest day with papers.
const dayQuery = z.object({ date: blankIsAbsent(calendarDay()).optional() });

const LIST = defineOperation({
  method: 'get',
  path: '/api/papers',
  operationId: 'listPapers',
  summary: "A day's papers, trending first (default: the latest day with papers)",
  tag: 'papers',
  kind: 'api',
  query: dayQuery,
  success: { status: 200, description: 'The papers of the day, with the days before and after that have papers', schema: dayOfPapersSchema },
});

const PAGE = defineOperation({
  method: 'get',
  path: '/papers',
  operationId: 'papersPage',
  summary: "The page of a day's papers",
  ...SITE_PAGE,
  query: dayQuery,
  success: { status: 200, description: 'The page' },
});

@Controller()
export class PapersController {
  constructor(@Inject(PapersService) private readonly papers: PapersService) {}

  @Operation(LIST)
  list(@Input() { query }: OperationInput<typeof LIST>) {
    return this.papers.day(query.date);
  }

  @Operation(PAGE)
  async page(@Input() { query }: OperationInput<typeof PAGE>, @Res() res: Response) {
    const day = await this.papers.day(query.date);
    res.status(200).set(PAGE_HEADERS).type('html').send(renderPage(createElement(PapersPage, { day })));
  }
}
