import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { DigestBatchJob } from './job-payloads.js';
import { digestShardPrefix, digestShardQueue } from './queue-names.js';

/** The DIGEST_QUEUE_SHARDS queues that digest batches are spread over (each its own hash tag on a cluster). */
export class DigestShards {
  readonly queues: ReadonlyArray<Queue<DigestBatchJob>>;

  constructor(
    queuePrefix: string,
    shards: number,
    connection: ConnectionOptions,
    readonly jobOptions: JobsOptions,
  ) {
    this.queues = Array.from({ length: shards }, (_, shard) => new Queue<DigestBatchJob>(digestShardQueue(shard), { connection, prefix: digestShardPrefix(queuePrefix, shard), defaultJobOptions: jobOptions }));
  }

  get count(): number {
    return this.queues.length;
  }

  queue(shard: number): Queue<DigestBatchJob> {
    const queue = this.queues[shard];
    if (!queue) throw new Error(`no digest shard ${shard} (DIGEST_QUEUE_SHARDS=${this.queues.length})`);
    return queue;
  }

  /** Job counts summed over every shard. */
  async jobCounts(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const counts of await Promise.all(this.queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'completed')))) {
      for (const [state, n] of Object.entries(counts)) totals[state] = (totals[state] ?? 0) + n;
    }
    return totals;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
