import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { ALL_QUEUES } from './queue-names.js';
import { bullConnectionOptions, createRequestRedis, REDIS_CLIENT } from './redis.js';

class RequestRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis connections and every queue, for producers (API) and processors (worker) alike. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Options, not an instance: BullMQ then owns and closes its connections.
        connection: bullConnectionOptions(config.redisUrl),
        prefix: config.queuePrefix,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: config.jobBackoffMs },
          removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [
    { provide: REDIS_CLIENT, inject: [AppConfig], useFactory: (c: AppConfig) => createRequestRedis(c.redisUrl) },
    RequestRedisCloser,
  ],
  exports: [BullModule, REDIS_CLIENT],
})
export class QueueModule {}
