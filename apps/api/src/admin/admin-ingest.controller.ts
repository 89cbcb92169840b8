import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { AppConfig } from '@app/config';
import { IngestRun } from '@app/database';
import { isCalendarDay, ZodBodyPipe } from '@app/platform';
import { ingestSourceNames, jobId, minuteSlot, QUEUE, type IngestJob } from '@app/queue';
import { AdminGuard } from './admin-auth.js';

const day = z.string().refine(isCalendarDay, {
  message: 'must be a date like 2026-11-20',
});

@ApiTags('admin')
@ApiBearerAuth('admin')
@UseGuards(AdminGuard)
@Controller('api/admin')
export class AdminIngestController {
  private readonly requestSchema;
  private readonly runsQuerySchema = z.object({
    source: z.string().max(40).optional(),
    day: day.optional(),
    limit: z.coerce.number().int().min(1).max(200, { message: 'must be between 1 and 200' }).default(50),
  });

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @InjectQueue(QUEUE.ingest) private readonly queue: Queue<IngestJob>,
    @InjectRepository(IngestRun) private readonly runs: Repository<IngestRun>,
  ) {
    const sources = ingestSourceNames(config.ingestFile);
    this.requestSchema = z
      .object({ source: z.enum(sources as [string, ...string[]], { message: `must be one of ${sources.join(', ')}` }), date: day })
      .strict();
  }

  @Post('ingest')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue an ingest of one (source, day); repeats within a minute are one job' })
  @ApiBody({ schema: { type: 'object', properties: { source: { type: 'string', example: 'daily-papers' }, date: { type: 'string', example: '2026-11-20' } }, required: ['source', 'date'] } })
  async ingest(@Body() body: unknown) {
    const { source, date } = new ZodBodyPipe(this.requestSchema).transform(body);
    const id = `${jobId.ingest(source, date)}.admin${minuteSlot(new Date())}`;
    await this.queue.add('ingest', { source, day: date }, { jobId: id });
    return { status: 'queued', jobId: id, source, date, runs: `/api/admin/ingest-runs?source=${source}&day=${date}` };
  }

  @Get('ingest-runs')
  @ApiOperation({ summary: 'Recent ingest runs: fetched / new / updated / skipped with reasons' })
  async list(@Query() query: unknown) {
    const { source, day: runDay, limit } = new ZodBodyPipe(this.runsQuerySchema).transform(query);
    return this.runs.find({ where: { ...(source ? { source } : {}), ...(runDay ? { day: runDay } : {}) }, order: { startedAt: 'DESC' }, take: limit });
  }
}
