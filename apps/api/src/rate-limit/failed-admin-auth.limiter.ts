import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { RedisLimiter, type LimitVerdict } from './redis-limiter.js';

/** Failed admin logins are counted per client IP over this window. */
export const FAILED_ADMIN_AUTH_WINDOW_SECONDS = 15 * 60;

/**
 * Wrong admin tokens (bearer on /api/admin, Basic on /admin/queues) counted per
 * client IP: after ADMIN_AUTH_FAILURES_PER_IP of them the client is refused,
 * right token or not, until the window passes. Guessing the token online is
 * then hopeless, and a correct guess inside a blocked window is not even checked.
 */
@Injectable()
export class FailedAdminAuthLimiter {
  private readonly limiter: RedisLimiter;

  constructor(@Inject(AppConfig) config: AppConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    this.limiter = new RedisLimiter(redis, {
      prefix: config.queuePrefix,
      name: 'admin-auth-failures',
      points: config.adminAuthFailuresPerIp,
      windowSeconds: FAILED_ADMIN_AUTH_WINDOW_SECONDS,
    });
  }

  /** Refused while this client has no failed attempts left. */
  check(ip: string): Promise<LimitVerdict> {
    return this.limiter.peek(ip);
  }

  async recordFailure(ip: string): Promise<void> {
    await this.limiter.consume(ip);
  }
}
