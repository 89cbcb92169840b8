import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DeliveryRepository, ReaderSnapshots } from '@app/database';
import { MailModule, MailTransport, RawMessageWriter } from '@app/mail';
import { DigestShards, REDIS_CLIENT, SendRateLimiter, bullPrefix, type RedisClient } from '@app/queue';
import { RecommendationService } from '@app/recommendations';
import { SubscriberLinks } from '@app/subscribers';
import { BatchSender } from './batch-sender.js';
import { DeliveryRecorder } from './delivery-recorder.js';
import { DeliverySweeper } from './delivery-sweeper.js';
import { digestListId, mailHost, MessageIds } from './digest-composer.js';
import { EditionPlanner } from './edition-planner.js';
import { PartitionKeeper } from './partition-keeper.js';

/**
 * The delivery engine, wired: planning editions into batches, sending batches, sweeping what
 * crashes leave behind, keeping the partitions. Processes that only plan (the CLI, the API's admin
 * run) use EditionPlanner alone; the worker's processors call BatchSender.
 */
@Module({
  imports: [MailModule],
  providers: [
    { provide: DeliveryRecorder, inject: [DeliveryRepository], useFactory: (r: DeliveryRepository) => new DeliveryRecorder(r) },
    RecommendationService,
    {
      provide: EditionPlanner,
      inject: [DeliveryRepository, DigestShards, AppConfig],
      useFactory: (r: DeliveryRepository, shards: DigestShards, c: AppConfig) => new EditionPlanner(r, shards, c.digestBatchSize),
    },
    {
      provide: DeliverySweeper,
      inject: [DeliveryRepository, DigestShards, AppConfig],
      useFactory: (r: DeliveryRepository, shards: DigestShards, c: AppConfig) => new DeliverySweeper(r, shards, c.digestLeaseMs),
    },
    {
      provide: PartitionKeeper,
      inject: [DeliveryRepository, AppConfig],
      useFactory: (r: DeliveryRepository, c: AppConfig) => new PartitionKeeper(r, c.deliveryRetentionDays),
    },
    {
      provide: BatchSender,
      inject: [AppConfig, DeliveryRepository, ReaderSnapshots, DeliveryRecorder, RecommendationService, MailTransport, DigestShards, REDIS_CLIENT],
      useFactory: (
        c: AppConfig,
        deliveries: DeliveryRepository,
        readers: ReaderSnapshots,
        recorder: DeliveryRecorder,
        recommendations: RecommendationService,
        transport: MailTransport,
        shards: DigestShards,
        redis: RedisClient,
      ) => {
        const host = mailHost(c.publicUrl);
        return new BatchSender(
          deliveries,
          readers,
          recorder,
          recommendations,
          transport,
          new RawMessageWriter(c.mailFrom, digestListId(host)),
          new SubscriberLinks(c.publicUrl, c.tokenSecret),
          new MessageIds(c.tokenSecret, host),
          new SendRateLimiter(redis, `${bullPrefix(c.queuePrefix)}:digest-send-rate`, c.digestSendRate),
          shards,
          {
            leaseMs: c.digestLeaseMs,
            maxAttempts: c.digestMaxAttempts,
            retryBaseMs: c.jobBackoffMs,
            skipEmptyDigests: c.skipEmptyDigests,
            sendConcurrency: c.digestSendConcurrency,
          },
        );
      },
    },
  ],
  exports: [EditionPlanner, DeliverySweeper, PartitionKeeper, BatchSender, RecommendationService],
})
export class DeliveryModule {}
