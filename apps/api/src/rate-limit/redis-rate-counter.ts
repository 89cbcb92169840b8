import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

export interface WindowCount {
  hits: number;
  /** Seconds until the window resets. */
  resetsIn: number;
}

// Fixed window per key: INCR, and start the window's clock on the first hit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/**
 * Rate-limit counters in Redis, so every API replica shares them. If Redis is
 * unreachable the limiter lets requests through (logged): an outage of the
 * limiter should not take subscriptions down with it.
 */
export class RedisRateCounter {
  private readonly logger = new Logger(RedisRateCounter.name);

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number): Promise<WindowCount | null> {
    try {
      const [hits, pttl] = (await this.redis.eval(INCREMENT, 1, `${this.prefix}:rate:${key}`, String(windowMs))) as [number, number];
      return { hits, resetsIn: Math.max(1, Math.ceil(pttl / 1000)) };
    } catch (error) {
      this.logger.warn(`rate limiter unavailable, letting the request through: ${String(error)}`);
      return null;
    }
  }
}
