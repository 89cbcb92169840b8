import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { deliveryCounts, finishedDeliveries } from '@app/database';
import { InvalidInputError, isCalendarDay, ZodBodyPipe } from '@app/platform';
import { minuteSlot, QUEUE, type PlanEditionJob } from '@app/queue';
import { AdminGuard } from './admin-auth.js';

const runSchema = z
  .object({
    date: z.string({ message: 'is required' }).refine(isCalendarDay, { message: 'must be a date like 2026-11-20' }),
    subscriberId: z.uuid({ message: 'must be a subscriber id (UUID)' }).optional(),
  })
  .strict();

@ApiTags('admin')
@ApiBearerAuth('admin')
@UseGuards(AdminGuard)
@Controller('api/admin/digests')
export class AdminDigestsController {
  constructor(
    @InjectQueue(QUEUE.digest) private readonly queue: Queue<PlanEditionJob>,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Post('run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send an edition now to every active subscriber (or one), whatever their delivery hour; idempotent' })
  async run(@Body(new ZodBodyPipe(runSchema)) input: z.infer<typeof runSchema>) {
    const id = `plan.${input.date}.${input.subscriberId ?? 'all'}.${minuteSlot(new Date())}`;
    await this.queue.add('plan-edition', { editionDate: input.date, subscriberId: input.subscriberId }, { jobId: id, attempts: 3 });
    return { status: 'queued', date: input.date, subscriberId: input.subscriberId ?? null, progress: `/api/admin/digests/${input.date}` };
  }

  @Get(':date')
  @ApiOperation({ summary: 'Counts by delivery state for an edition, and the digest queue' })
  async status(@Param('date') date: string) {
    if (!isCalendarDay(date)) throw new InvalidInputError('must be a date like 2026-11-20', 'date');
    const counts = await deliveryCounts(this.dataSource.manager, date);
    const queue = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children');
    const done = finishedDeliveries(counts);
    return { date, counts, total: done + counts.claimed, finished: done, inFlight: counts.claimed, queue };
  }
}
