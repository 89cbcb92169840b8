import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { MailModule } from '@app/mail';
import { QUEUE } from '@app/queue';
import { RecommendationService } from '@app/recommendations';
import { DigestEnqueuer } from './digest-enqueuer.js';
import { DigestProcessor } from './digest.processor.js';
import { DigestScheduler } from './digest.scheduler.js';
import { DigestService } from './digest.service.js';

/** The send rate is global (in Redis), so it holds however many workers run. */
class DigestSendRate implements OnModuleInit {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectQueue(QUEUE.digest) private readonly queue: Queue,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.setGlobalRateLimit(this.config.digestSendRate, 1000);
  }
}

@Module({
  imports: [MailModule],
  providers: [RecommendationService, DigestService, DigestEnqueuer, DigestProcessor, DigestScheduler, DigestSendRate],
  exports: [DigestEnqueuer],
})
export class DigestModule {}
