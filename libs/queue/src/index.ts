export { QUEUE, ALL_QUEUES, bullPrefix, digestShardPrefix, digestShardQueue, type QueueName } from './queue-names.js';
export { ingestSourceNames, type IngestJob, type ConfirmationMailJob, type DigestBatchJob, type PlanEditionJob } from './job-payloads.js';
export { jobId, minuteSlot } from './job-ids.js';
export { REDIS_CLIENT, bullConnection, clusterState, connectRedis, createRequestRedis, redisOptionsFromUrl, type RedisClient, type RedisTarget } from './redis.js';
export { QueueModule, BULL_CONNECTION, defaultJobOptions } from './queue.module.js';
export { DigestShards } from './digest-shards.js';
export { SendRateLimiter } from './send-rate.js';
