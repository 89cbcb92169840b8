import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { DeliveryRepository, finishedDeliveries, unfinishedDeliveries } from '@app/database';
import { InvalidInputError, isCalendarDay, ZodBodyPipe } from '@app/platform';
import { DigestShards, minuteSlot, QUEUE, type PlanEditionJob } from '@app/queue';
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
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(DigestShards) private readonly shards: DigestShards,
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
  @ApiOperation({ summary: 'Counts by delivery state for an edition, and the digest queues (planning, and batches over every shard)' })
  async status(@Param('date') date: string) {
    if (!isCalendarDay(date)) throw new InvalidInputError('must be a date like 2026-11-20', 'date');
    const counts = await this.deliveries.counts(date);
    const [planning, batches] = await Promise.all([this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'), this.shards.jobCounts()]);
    const done = finishedDeliveries(counts);
    const open = unfinishedDeliveries(counts);
    return { date, counts, total: done + open, finished: done, queued: counts.queued, inFlight: counts.claimed, queue: planning, batches };
  }
}
