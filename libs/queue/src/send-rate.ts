import type { RedisClient } from './redis.js';

// A token bucket in Redis, refilled continuously at `rate` tokens per second up to `burst`.
// One key, so it works on a Redis Cluster; callers take tokens in blocks to keep round trips few.
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local granted = math.min(want, math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
local wait = 0
if granted == 0 then wait = math.ceil((1 - tokens) * 1000 / rate) end
return {granted, wait}`;

/**
 * DIGEST_SEND_RATE for every worker process together: one bucket in Redis for the whole
 * deployment, whatever the number of processes and queue shards (a per-shard share would leave a
 * small edition, held by one shard, at a fraction of the rate).
 */
export class SendRateLimiter {
  private available = 0;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly ratePerSecond: number,
  ) {}

  /** Waits for one token. Tokens are fetched from Redis a block at a time (about 1/20 s worth). */
  async take(): Promise<void> {
    while (this.available === 0) {
      this.pending ??= this.refill().finally(() => (this.pending = null));
      await this.pending;
    }
    this.available--;
  }

  private async refill(): Promise<void> {
    const block = Math.max(1, Math.ceil(this.ratePerSecond / 20));
    for (;;) {
      const [granted, waitMs] = (await this.redis.eval(TAKE, 1, this.key, String(this.ratePerSecond), String(Math.max(block, this.ratePerSecond)), String(block))) as [number, number];
      if (granted > 0) {
        this.available += granted;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitMs)));
    }
  }
}
