import { Redis, type RedisOptions } from 'ioredis';

/** Injection token of the shared ioredis client (health checks, rate limits). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

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

/**
 * A client for request-path use: it fails fast while Redis is down (no offline
 * queue, one retry) so the API answers 503 instead of hanging.
 */
export function createRequestRedis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis({
    ...redisOptionsFromUrl(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    ...options,
  });
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

/** Connection options for BullMQ: retry forever so workers ride out a Redis restart. */
export function bullConnectionOptions(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}
