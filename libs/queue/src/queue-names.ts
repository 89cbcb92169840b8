/** Every BullMQ queue Paperboy uses. Producers and processors import names from here only. */
export const QUEUE = {
  /** Fetch one (source, day) of papers and upsert them. */
  ingest: 'ingest',
  /** Transactional mail: confirmation emails. */
  mail: 'mail',
  /** Build, render and send one subscriber's digest for one edition. */
  digest: 'digest',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUE);
