/** Every BullMQ queue Paperboy uses. Producers and processors import names from here only. */
export const QUEUE = {
  /** Fetch one (source, day) of papers and upsert them. */
  ingest: 'ingest',
  /** Transactional mail: confirmation emails. */
  mail: 'mail',
  /** Plan an edition: an operator's run, expanded into digest batches. */
  digest: 'digest',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUE);

/** The queue of digest batches of one shard; batches are spread over DIGEST_QUEUE_SHARDS of them. */
export const digestShardQueue = (shard: number) => `digest-send-${shard}`;

/**
 * BullMQ key prefixes. BullMQ's scripts touch several keys of a queue at once, so on a Redis
 * Cluster every key of a queue must hash to one slot: the prefix is wrapped in braces (a hash tag).
 * The shared queues use one tag; each digest shard has its own, so shards land on different masters.
 */
export const bullPrefix = (queuePrefix: string) => `{${queuePrefix}}`;
export const digestShardPrefix = (queuePrefix: string, shard: number) => `{${queuePrefix}-d${shard}}`;
