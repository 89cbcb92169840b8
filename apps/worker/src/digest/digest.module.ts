import { Module } from '@nestjs/common';
import { DeliveryModule } from '@app/delivery';
import { DigestBatchWorkers } from './digest-batch.workers.js';
import { DigestPlanProcessor } from './digest-plan.processor.js';
import { DigestScheduler } from './digest.scheduler.js';

/** The worker side of digests: batch workers per shard, the plan processor and the crons. The engine lives in @app/delivery. */
@Module({
  imports: [DeliveryModule],
  providers: [DigestPlanProcessor, DigestBatchWorkers, DigestScheduler],
})
export class DigestModule {}
