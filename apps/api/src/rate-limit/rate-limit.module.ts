import { HttpException, HttpStatus, Inject, Injectable, Module, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { parseEmailAddress } from '@app/subscribers';
import { RedisRateCounter } from './redis-rate-counter.js';

// Hand-written rather than @nestjs/throttler: that package is CommonJS and
// cannot require the ESM-only NestJS 12 under Jest on Node 20.

const SKIP = 'paperboy:skip-rate-limit';
/** Exempts a controller or route (health probes) from rate limits. */
export const SkipRateLimit = () => SetMetadata(SKIP, true);

interface Rule {
  name: string;
  windowMs: number;
  limit: number;
  /** The thing being counted for this request, or null when the rule does not apply. */
  key(req: Request): string | null;
}

const SUBSCRIBE_PATHS = new Set(['/api/subscribe', '/subscribe']);
const isSubscribe = (req: Request) => req.method === 'POST' && SUBSCRIBE_PATHS.has(req.path);

function addressOf(req: Request): string | null {
  const body = req.body as Record<string, unknown> | undefined;
  const parsed = parseEmailAddress(typeof body?.email === 'string' ? body.email : undefined);
  return parsed.ok ? parsed.normalized : null;
}

export function rateLimitRules(config: AppConfig): Rule[] {
  return [
    // Everything, per client IP.
    { name: 'ip', windowMs: 60_000, limit: config.rateLimitPerIp, key: (req) => req.ip ?? 'unknown' },
    // Subscribing, per IP: one client cannot mail-bomb many addresses.
    { name: 'subscribe-ip', windowMs: 60_000, limit: config.subscribeRatePerIp, key: (req) => (isSubscribe(req) ? (req.ip ?? 'unknown') : null) },
    // Subscribing, per address: many clients cannot bomb one address.
    { name: 'subscribe-address', windowMs: 3_600_000, limit: config.subscribeRatePerAddress, key: (req) => (isSubscribe(req) ? addressOf(req) : null) },
  ];
}

/** 429 with Retry-After when any rule's window is full. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly rules: Rule[];
  private readonly counter: RedisRateCounter;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.rules = rateLimitRules(config);
    this.counter = new RedisRateCounter(redis, config.queuePrefix);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    for (const rule of this.rules) {
      const key = rule.key(req);
      if (key === null) continue;
      const count = await this.counter.hit(`${rule.name}:${key}`, rule.windowMs);
      if (count && count.hits > rule.limit) {
        res.setHeader('Retry-After', String(count.resetsIn));
        throw new HttpException(`Too many requests. Try again in ${count.resetsIn} seconds.`, HttpStatus.TOO_MANY_REQUESTS);
      }
    }
    return true;
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }] })
export class RateLimitModule {}
