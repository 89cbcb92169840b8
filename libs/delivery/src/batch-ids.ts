import { createHash } from 'node:crypto';

/*
 * Batch ids are BullMQ job ids and the label of the delivery rows a batch holds:
 *   d20261129.s2.3fa85f64c1      planned batch (shard 2; hash of its readers)
 *   d20261129.s2.3fa85f64c1.r1   its first retry of transient failures
 *   d20261129.s0.x202611291705.0 rows re-driven by the sweeper at 17:05
 * Deterministic: the same readers planned for the same edition give the same id, so two
 * schedulers firing together add one job. BullMQ refuses ':' in custom ids.
 */

const compact = (editionDate: string) => editionDate.replace(/-/g, '');

/** The id of a planned batch: edition, shard, and a hash of its readers (sorted). */
export function plannedBatchId(editionDate: string, shard: number, subscriberIds: readonly string[]): string {
  const hash = createHash('sha256').update([...subscriberIds].sort().join(',')).digest('hex').slice(0, 12);
  return `d${compact(editionDate)}.s${shard}.${hash}`;
}

/** The next retry of a batch's transient failures. */
export function retryBatchId(batchId: string): string {
  const match = /^(.*)\.r(\d+)$/.exec(batchId);
  return match ? `${match[1]}.r${Number(match[2]) + 1}` : `${batchId}.r1`;
}

/** How many retries deep a batch is (0 for a planned one). */
export const retryGeneration = (batchId: string) => Number(/\.r(\d+)$/.exec(batchId)?.[1] ?? 0);

/** A batch of rows the sweeper found without a live job. */
export function redriveBatchId(editionDate: string, shard: number, minute: string, n: number): string {
  return `d${compact(editionDate)}.s${shard}.x${minute}.${n}`;
}

/** The shard a batch id names (0 when it names none, e.g. rows from before batching). */
export function shardOf(batchId: string, shards: number): number {
  const shard = Number(/^d\d{8}\.s(\d+)\./.exec(batchId)?.[1] ?? 0);
  return shard < shards ? shard : shard % shards;
}
