import { Controller, Get, HttpCode, Inject, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { InvalidInputError, ZodBodyPipe, fieldErrorsOf } from '@app/platform';
import { SUBSCRIBER_STATUSES } from '@app/database';
import { AdminGuard } from './admin-auth.js';
import { AdminSubscribersService } from './admin-subscribers.service.js';
import { csvToRows, MAX_IMPORT_ROWS, validateRows } from './subscriber-import.js';

const jsonImportSchema = z
  .object({
    consent: z.literal(true, { message: 'must be true: import only people who agreed to receive Paperboy' }),
    subscribers: z.array(z.unknown(), { message: 'must be a list' }).min(1, { message: 'must not be empty' }).max(MAX_IMPORT_ROWS, { message: `must hold at most ${MAX_IMPORT_ROWS} rows` }),
  })
  .strict();

const listQuerySchema = z.object({
  status: z.enum(SUBSCRIBER_STATUSES, { message: `must be one of ${SUBSCRIBER_STATUSES.join(', ')}` }).optional(),
  topic: z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'must be a topic slug' }).optional(),
  q: z.string().max(254).optional(),
  page: z.coerce.number({ message: 'must be a number' }).int().min(1, { message: 'must be at least 1' }).default(1),
  pageSize: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100, { message: 'must be between 1 and 100' }).default(25),
});

@ApiTags('admin')
@ApiBearerAuth('admin')
@UseGuards(AdminGuard)
@Controller('api/admin/subscribers')
export class AdminSubscribersController {
  constructor(@Inject(AdminSubscribersService) private readonly admin: AdminSubscribersService) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import consented subscribers (JSON or CSV)',
    description:
      'JSON: {consent: true, subscribers: [{email, topics?, keywords?, timezone?, frequency?, deliveryHour?, maxPapers?}]}. ' +
      'CSV (Content-Type: text/csv, ?consent=true): header row with those columns; lists in a cell separated by ";". ' +
      'Idempotent by email; reports created / updated / rejected with reasons.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { type: 'object' } })
  async import(@Req() req: Request, @Query('consent') consentParam?: string) {
    let raw: unknown[];
    if (req.is('text/csv')) {
      if (consentParam !== 'true') throw new InvalidInputError('must be true: import only people who agreed to receive Paperboy', 'consent');
      if (typeof req.body !== 'string' || req.body.trim() === '') throw new InvalidInputError('must be a CSV document with a header row', 'body');
      try {
        raw = csvToRows(req.body);
      } catch (error) {
        throw new InvalidInputError(`is not valid CSV: ${(error as Error).message}`, 'body');
      }
      if (raw.length > MAX_IMPORT_ROWS) throw new InvalidInputError(`must hold at most ${MAX_IMPORT_ROWS} rows`, 'subscribers');
    } else {
      const parsed = jsonImportSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const { message, fields } = fieldErrorsOf(parsed.error);
        throw new InvalidInputError(message, undefined, fields);
      }
      raw = parsed.data.subscribers;
    }
    const { rows, rejected } = validateRows(raw);
    return this.admin.import(rows, rejected);
  }

  @Get()
  @ApiOperation({ summary: 'List subscribers with filters and paging' })
  @ApiQuery({ name: 'status', required: false, enum: SUBSCRIBER_STATUSES })
  @ApiQuery({ name: 'topic', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the email address' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  list(@Query(new ZodBodyPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>) {
    return this.admin.list(query);
  }

}
