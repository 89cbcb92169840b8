import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** Injection token of the shared ioredis client (health checks, rate limits): a Redis, or a Cluster. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export type RedisClient = Redis | Cluster;

/** Where Redis is: one server (REDIS_URL) or a cluster (REDIS_CLUSTER_NODES, which wins when both are set). */
export interface RedisTarget {
  redisUrl: string;
  redisCluster?: ReadonlyArray<{ host: string; port: number }>;
}

/** Turns redis://user:pass@host:port/db (or rediss://) into ioredis options. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** A client for `target`; on a cluster, `options` apply to each node connection. */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}, clusterOptions: ClusterOptions = {}): RedisClient {
  if (target.redisCluster?.length) {
    return new Cluster([...target.redisCluster], { ...clusterOptions, redisOptions: { ...options, ...clusterOptions.redisOptions } });
  }
  return new Redis({ ...redisOptionsFromUrl(target.redisUrl), ...options });
}

/**
 * A client for request-path use: it fails fast while Redis is down (no offline
 * queue, one retry) so the API answers 503 instead of hanging.
 */
export function createRequestRedis(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  const client = connectRedis(target, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000, ...options }, { enableOfflineQueue: false });
  // Outages surface through /ready and failed commands; one line per outage is enough here.
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) process.stderr.write(`Redis unavailable (${error.message}); retrying.\n`);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
}

/**
 * BullMQ's connection: options for a single Redis (BullMQ then owns and closes its connections),
 * or a Cluster instance, which BullMQ duplicates for its blocking connections. Both retry forever
 * so workers ride out a Redis restart or a failover.
 */
export function bullConnection(target: RedisTarget): { url: string; maxRetriesPerRequest: null } | Cluster {
  if (target.redisCluster?.length) return connectRedis(target, { maxRetriesPerRequest: null }) as Cluster;
  return { url: target.redisUrl, maxRetriesPerRequest: null };
}

/** `cluster_state` of a cluster (`ok` when every slot is served), or null for a single Redis. */
export async function clusterState(client: RedisClient): Promise<string | null> {
  if (!(client instanceof Cluster)) return null;
  const info = (await client.cluster('INFO')) as string;
  return /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
}
