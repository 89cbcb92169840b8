import { Global, Inject, Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { OPERATION, type OperationSpec } from '../openapi/operation.js';
import { FailedAdminAuthLimiter } from './failed-admin-auth.limiter.js';
import { RedisLimiter } from './redis-limiter.js';
import { tooManyRequests } from './too-many-requests.js';

// rate-limiter-flexible rather than @nestjs/throttler: that package is CommonJS
// and cannot require the ESM-only NestJS 12 under Jest on Node 20.


interface Rule {
  limiter: RedisLimiter;
  /** The thing being counted for this request, or null when the rule does not apply. */
  key(req: Request): string | null;
}

const SUBSCRIBE_PATHS = new Set(['/api/subscribe', '/subscribe']);
const isSubscribe = (req: Request) => req.method === 'POST' && SUBSCRIBE_PATHS.has(req.path);
/** The client's address: the socket's, or X-Forwarded-For's as far as TRUST_PROXY trusts it. */
export const clientIp = (req: Request) => req.ip ?? 'unknown';

/**
 * Per client IP only. There is deliberately no per-address limit on subscribe
 * requests: counting requests that name an address lets a stranger lock its
 * owner out. Mail bombing is stopped where it would happen instead: at most one
 * confirmation email per address per hour (SubscriptionService), so every
 * request gets the same 202 and the owner's own request is never refused.
 */
function rateLimitRules(config: AppConfig, redis: Redis): Rule[] {
  const limiter = (name: string, points: number, windowSeconds: number) => new RedisLimiter(redis, { prefix: config.queuePrefix, name, points, windowSeconds });
  return [
    // Everything, per client IP.
    { limiter: limiter('ip', config.rateLimitPerIp, 60), key: clientIp },
    // Subscribing, per IP: one client cannot mail many addresses.
    { limiter: limiter('subscribe-ip', config.subscribeRatePerIp, 60), key: (req) => (isSubscribe(req) ? clientIp(req) : null) },
  ];
}

/** 429 with Retry-After when any rule's window is full. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly rules: Rule[];

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.rules = rateLimitRules(config, redis);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    // Health probes declare `rateLimited: false` in their operation (and the document says so).
    if (this.reflector.get<OperationSpec | undefined>(OPERATION, context.getHandler())?.rateLimited === false) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    for (const rule of this.rules) {
      const key = rule.key(req);
      if (key === null) continue;
      const verdict = await rule.limiter.consume(key);
      if (!verdict.allowed) throw tooManyRequests(res, verdict.retryAfterSeconds);
    }
    return true;
  }
}

@Global()
@Module({
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }, FailedAdminAuthLimiter],
  exports: [FailedAdminAuthLimiter],
})
export class RateLimitModule {}
