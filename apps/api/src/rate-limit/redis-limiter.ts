import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LimiterOptions {
  /** Key prefix shared by every limiter of one deployment (QUEUE_PREFIX). */
  prefix: string;
  name: string;
  /** How many hits a key may take per window. */
  points: number;
  windowSeconds: number;
}

const ALLOWED: LimitVerdict = { allowed: true };
const OUTAGE_LOG_INTERVAL_MS = 60_000;

const blocked = (res: RateLimiterRes): LimitVerdict => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });

/**
 * A fixed-window counter per key in Redis (rate-limiter-flexible), shared by
 * every API replica. It only ever touches one key per call, so it works on a
 * Redis Cluster too. If Redis is unreachable it lets requests through (logged
 * once a minute): an outage of the limiter must not take the site down with it.
 */
export class RedisLimiter {
  private static readonly logger = new Logger('RateLimit');
  private static lastOutageLog = 0;
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    private readonly options: LimiterOptions,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${options.prefix}:rate:${options.name}`,
      points: options.points,
      duration: options.windowSeconds,
    });
  }

  /** Counts one hit; refused once the key has taken more than `points` this window. */
  async consume(key: string): Promise<LimitVerdict> {
    try {
      await this.limiter.consume(key);
      return ALLOWED;
    } catch (error) {
      if (error instanceof RateLimiterRes) return blocked(error);
      return this.unavailable(error);
    }
  }

  /** Counts nothing; refused when the key has already taken all its `points` this window. */
  async peek(key: string): Promise<LimitVerdict> {
    try {
      const res = await this.limiter.get(key);
      return res && res.consumedPoints >= this.options.points ? blocked(res) : ALLOWED;
    } catch (error) {
      return this.unavailable(error);
    }
  }

  private unavailable(error: unknown): LimitVerdict {
    if (Date.now() - RedisLimiter.lastOutageLog > OUTAGE_LOG_INTERVAL_MS) {
      RedisLimiter.lastOutageLog = Date.now();
      RedisLimiter.logger.warn(`rate limiter unavailable, letting requests through: ${String(error)}`);
    }
    return ALLOWED;
  }
}
