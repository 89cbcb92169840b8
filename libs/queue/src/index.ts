export { QUEUE, ALL_QUEUES, type QueueName } from './queue-names.js';
export { ingestSourceNames, type IngestJob, type ConfirmationMailJob, type DigestJob, type PlanEditionJob } from './job-payloads.js';
export { jobId, minuteSlot } from './job-ids.js';
export { REDIS_CLIENT, createRequestRedis, bullConnectionOptions, redisOptionsFromUrl } from './redis.js';
export { QueueModule } from './queue.module.js';
