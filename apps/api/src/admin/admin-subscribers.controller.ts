import { Body, Controller, Inject, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { SUBSCRIBER_STATUSES } from '@app/database';
import { InvalidInputError } from '@app/platform';
import { topicSlug } from '@app/subscribers';
import { blankIsAbsent, IMPORT_BODY_LIMIT, importReportSchema, queryInteger, subscriberListSchema } from '../openapi/api-schemas.js';
import { ADMIN_API, defineOperation, Input, Operation, type OperationInput } from '../openapi/operation.js';
import { AdminGuard } from './admin-auth.js';
import { AdminSubscribersService } from './admin-subscribers.service.js';
import { csvImportSchema, importRowSchema, MAX_IMPORT_ROWS, validateRows } from './subscriber-import.js';

const CONSENT_REASON = 'must be true: import only people who agreed to receive Paperboy';

const jsonImportSchema = z
  .object({
    consent: z.literal(true, { message: CONSENT_REASON }),
    // Each row is checked on its own (validateRows): one that is not an ImportRow is reported in `rejected`, the others land.
    subscribers: z
      .array(z.union([importRowSchema, z.unknown().meta({ description: 'Anything else: reported in `rejected`' })]), { message: 'must be a list' })
      .min(1, { message: 'must not be empty' })
      .max(MAX_IMPORT_ROWS, { message: `must hold at most ${MAX_IMPORT_ROWS} rows` }),
  })
  .strict();


const IMPORT = defineOperation({
  ...ADMIN_API,
  method: 'post',
  path: '/api/admin/subscribers/import',
  operationId: 'adminImportSubscribers',
  summary: 'Import consented subscribers (JSON or CSV)',
  description:
    'JSON: `{consent: true, subscribers: [ImportRow…]}`. CSV (`text/csv`, with `?consent=true`): a header row naming ImportRow columns, lists in a cell separated by ";", numbers in digits; ' +
    'UTF-8 with or without a byte-order mark, or UTF-16 when the Content-Type names it (`charset=utf-16`). ' +
    'Idempotent by email; reports created / updated, and each rejected row with its reason (an invalid row is reported, never a 400).',
  query: z.object({
    consent: z.literal('true', { message: CONSENT_REASON }).optional().meta({ description: 'Required (`true`) with a text/csv body, which cannot say it itself' }),
  }),
  body: { content: { 'application/json': jsonImportSchema, 'text/csv': csvImportSchema }, limitBytes: IMPORT_BODY_LIMIT, required: true },
  success: { status: 200, description: 'What was imported, and each row refused with its reason', schema: importReportSchema },
});

const LIST = defineOperation({
  ...ADMIN_API,
  method: 'get',
  path: '/api/admin/subscribers',
  operationId: 'adminListSubscribers',
  summary: 'List subscribers with filters and paging',
  query: z.object({
    status: blankIsAbsent(z.enum(SUBSCRIBER_STATUSES, { message: `must be one of ${SUBSCRIBER_STATUSES.join(', ')}` })).optional(),
    topic: blankIsAbsent(topicSlug.meta({ id: undefined, description: 'Subscribers who chose this topic' })).optional(),
    q: z.string().max(254, { message: 'must be at most 254 characters' }).optional().meta({ description: 'Part of the email address' }),
    page: queryInteger(1, 1_000_000).default(1),
    pageSize: queryInteger(1, 100).default(25),
  }),
  success: { status: 200, description: 'One page, newest first', schema: subscriberListSchema },
});

@UseGuards(AdminGuard)
@Controller()
export class AdminSubscribersController {
  constructor(@Inject(AdminSubscribersService) private readonly admin: AdminSubscribersService) {}

  @Operation(IMPORT)
  async import(@Input() { query, body, mediaType }: OperationInput<typeof IMPORT>, @Body() request: { subscribers: unknown[] }) {
    let raw: unknown[];
    if (mediaType === 'text/csv') {
      // A CSV cannot carry the consent itself: the query does, and only for CSV (a JSON body says it in the body).
      if (query.consent !== 'true') throw new InvalidInputError(CONSENT_REASON, 'consent');
      raw = body as unknown[];
    } else raw = request.subscribers; // as sent: validateRows reports each row that is not an ImportRow
    const { rows, rejected } = validateRows(raw);
    return this.admin.import(rows, rejected);
  }

  @Operation(LIST)
  list(@Input() { query }: OperationInput<typeof LIST>) {
    return this.admin.list(query);
  }
}
