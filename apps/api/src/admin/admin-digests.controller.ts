import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Inject, UseGuards } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { DeliveryRepository, finishedDeliveries, unfinishedDeliveries } from '@app/database';
import { calendarDay } from '@app/platform';
import { DigestShards, minuteSlot, QUEUE, type PlanEditionJob } from '@app/queue';
import { editionStatusSchema, JSON_BODY_LIMIT } from '../openapi/api-schemas.js';
import { ADMIN_API, defineOperation, Input, Operation, type OperationInput } from '../openapi/operation.js';
import { AdminGuard } from './admin-auth.js';

const runSchema = z
  .object({
    date: calendarDay(),
    subscriberId: z.uuid({ message: 'must be a subscriber id (UUID)' }).optional(),
  })
  .strict();


const RUN = defineOperation({
  ...ADMIN_API,
  method: 'post',
  path: '/api/admin/digests/run',
  operationId: 'adminRunEdition',
  summary: 'Send an edition now to every active subscriber (or one), whatever their delivery hour; idempotent',
  body: { content: { 'application/json': runSchema }, limitBytes: JSON_BODY_LIMIT, required: true },
  success: {
    status: 202,
    description: 'Queued',
    schema: z.object({ status: z.literal('queued'), date: z.string(), subscriberId: z.uuid().nullable(), progress: z.string().meta({ description: 'Where to follow it' }) }),
  },
});

const STATUS = defineOperation({
  ...ADMIN_API,
  method: 'get',
  path: '/api/admin/digests/{date}',
  operationId: 'adminEditionStatus',
  summary: 'Counts by delivery state for an edition, and the digest queues (planning, and batches over every shard)',
  params: z.object({ date: calendarDay() }),
  success: { status: 200, description: 'The edition', schema: editionStatusSchema },
});

@UseGuards(AdminGuard)
@Controller()
export class AdminDigestsController {
  constructor(
    @InjectQueue(QUEUE.digest) private readonly queue: Queue<PlanEditionJob>,
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(DigestShards) private readonly shards: DigestShards,
  ) {}

  @Operation(RUN)
  async run(@Input() { body: input }: OperationInput<typeof RUN>) {
    const id = `plan.${input.date}.${input.subscriberId ?? 'all'}.${minuteSlot(new Date())}`;
    await this.queue.add('plan-edition', { editionDate: input.date, subscriberId: input.subscriberId }, { jobId: id, attempts: 3 });
    return { status: 'queued', date: input.date, subscriberId: input.subscriberId ?? null, progress: `/api/admin/digests/${input.date}` };
  }

  @Operation(STATUS)
  async status(@Input() { params: { date } }: OperationInput<typeof STATUS>) {
    const counts = await this.deliveries.counts(date);
    const [planning, batches] = await Promise.all([this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'), this.shards.jobCounts()]);
    const done = finishedDeliveries(counts);
    const open = unfinishedDeliveries(counts);
    return { date, counts, total: done + open, finished: done, queued: counts.queued, inFlight: counts.claimed, queue: planning, batches };
  }
}
