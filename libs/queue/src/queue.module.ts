import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { AppConfig } from '@app/config';
import { DigestShards } from './digest-shards.js';
import { ALL_QUEUES, bullPrefix } from './queue-names.js';
import { bullConnection, createRequestRedis, REDIS_CLIENT, type RedisClient } from './redis.js';

/** BullMQ's connection for this process: options for one Redis, or one Cluster client shared by every queue. */
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

export const defaultJobOptions = (config: AppConfig): JobsOptions => ({
  attempts: 5,
  backoff: { type: 'exponential', delay: config.jobBackoffMs },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
});

// One cluster client per process and configuration, whoever asks first (BullModule's factory or ours).
const clusterConnections = new WeakMap<AppConfig, ReturnType<typeof bullConnection>>();
const bullConnectionFor = (config: AppConfig) => {
  let connection = clusterConnections.get(config);
  if (!connection) {
    connection = bullConnection(config);
    clusterConnections.set(config, connection);
  }
  return connection;
};

class RedisClosers implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(DigestShards) private readonly shards: DigestShards,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.shards.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
    // BullMQ closes the connections it made; a shared Cluster client is ours to close.
    const connection = clusterConnections.get(this.config);
    if (connection instanceof Cluster) await connection.quit().catch(() => connection.disconnect());
  }
}

/** Redis connections and every queue, for producers (API) and processors (worker) alike. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: bullConnectionFor(config),
        prefix: bullPrefix(config.queuePrefix),
        defaultJobOptions: defaultJobOptions(config),
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [
    { provide: REDIS_CLIENT, inject: [AppConfig], useFactory: (c: AppConfig) => createRequestRedis(c) },
    { provide: BULL_CONNECTION, inject: [AppConfig], useFactory: (c: AppConfig) => bullConnectionFor(c) },
    {
      provide: DigestShards,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new DigestShards(c.queuePrefix, c.digestQueueShards, bullConnectionFor(c), { ...defaultJobOptions(c), removeOnComplete: { age: 24 * 3600, count: 10000 } }),
    },
    RedisClosers,
  ],
  exports: [BullModule, REDIS_CLIENT, BULL_CONNECTION, DigestShards],
})
export class QueueModule {}
