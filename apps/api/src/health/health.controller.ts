import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/queue';
import { SkipRateLimit } from '../rate-limit/rate-limit.module.js';

const CHECK_TIMEOUT_MS = 1500;

// Probes poll often and must never be rate limited.
@SkipRateLimit()
@Controller()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(TypeOrmHealthIndicator) private readonly database: TypeOrmHealthIndicator,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. Never touches dependencies, so a Redis outage does not restart pods. */
  @Get('health')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis both answer within 1.5 s; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  readiness() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS }),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            const pong = await this.redis.ping();
            if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }
}
