import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createElement } from 'react';
import { InvalidInputError, isCalendarDay } from '@app/platform';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { PapersPage } from './papers-page.js';
import { PapersService } from './papers.service.js';

function parseDate(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isCalendarDay(value)) {
    throw new InvalidInputError('must be a date like 2026-11-20', 'date');
  }
  return value;
}

@ApiTags('papers')
@Controller()
export class PapersController {
  constructor(@Inject(PapersService) private readonly papers: PapersService) {}

  @Get('api/papers')
  @ApiOperation({ summary: "A day's papers, trending first (default: the latest day with papers)" })
  @ApiQuery({ name: 'date', required: false, example: '2026-11-20' })
  list(@Query('date') date?: string) {
    return this.papers.day(parseDate(date));
  }

  @Get('papers')
  @ApiExcludeEndpoint()
  async page(@Query('date') date: string | undefined, @Res() res: Response) {
    const day = await this.papers.day(parseDate(date));
    res.status(200).set(PAGE_HEADERS).type('html').send(renderPage(createElement(PapersPage, { day })));
  }
}
