import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Inject, UseGuards } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { AppConfig } from '@app/config';
import { IngestRunRepository } from '@app/database';
import { calendarDay } from '@app/platform';
import { ingestSourceNames, jobId, minuteSlot, QUEUE, type IngestJob } from '@app/queue';
import { blankIsAbsent, ingestRunSchema, JSON_BODY_LIMIT, queryInteger } from '../openapi/api-schemas.js';
import { ADMIN_API, defineOperation, Input, Operation, type OperationInput } from '../openapi/operation.js';
import { AdminGuard } from './admin-auth.js';

/** The sources this deployment has (a file source only with INGEST_FILE). */
const ingestRequest = (config: AppConfig) => {
  const sources = ingestSourceNames(config.ingestFile) as [string, ...string[]];
  return z.object({ source: z.enum(sources, { message: `must be one of ${sources.join(', ')}` }), date: calendarDay() }).strict();
};


const INGEST = defineOperation({
  ...ADMIN_API,
  method: 'post',
  path: '/api/admin/ingest',
  operationId: 'adminIngest',
  summary: 'Queue an ingest of one (source, day); repeats within a minute are one job',
  body: { content: { 'application/json': ingestRequest }, limitBytes: JSON_BODY_LIMIT, required: true },
  success: {
    status: 202,
    description: 'Queued',
    schema: z.object({ status: z.literal('queued'), jobId: z.string(), source: z.string(), date: z.string(), runs: z.string().meta({ description: 'Where to follow it' }) }),
  },
});

const RUNS = defineOperation({
  ...ADMIN_API,
  method: 'get',
  path: '/api/admin/ingest-runs',
  operationId: 'adminIngestRuns',
  summary: 'Recent ingest runs: fetched / new / updated / skipped with reasons',
  query: z.object({
    source: blankIsAbsent(z.string().max(40, { message: 'must be at most 40 characters' })).optional(),
    day: blankIsAbsent(calendarDay()).optional(),
    limit: queryInteger(1, 200).default(50),
  }),
  success: { status: 200, description: 'The runs, newest first', schema: z.array(ingestRunSchema) },
});

@UseGuards(AdminGuard)
@Controller()
export class AdminIngestController {
  constructor(
    @InjectQueue(QUEUE.ingest) private readonly queue: Queue<IngestJob>,
    @Inject(IngestRunRepository) private readonly runs: IngestRunRepository,
  ) {}

  @Operation(INGEST)
  async ingest(@Input() { body: { source, date } }: OperationInput<typeof INGEST>) {
    const id = `${jobId.ingest(source, date)}.admin${minuteSlot(new Date())}`;
    await this.queue.add('ingest', { source, day: date }, { jobId: id });
    return { status: 'queued', jobId: id, source, date, runs: `/api/admin/ingest-runs?source=${source}&day=${date}` };
  }

  @Operation(RUNS)
  async list(@Input() { query: { source, day, limit } }: OperationInput<typeof RUNS>) {
    return this.runs.list({ source, day, limit });
  }
}
