import { Controller, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { REDIS_CLIENT } from '@app/queue';
import { defineOperation, Operation } from '../openapi/operation.js';

const CHECK_TIMEOUT_MS = 1500;

const dependency = z.object({ status: z.enum(['up', 'down']) }).catchall(z.unknown());
const readiness = z
  .object({
    status: z.enum(['ok', 'error']),
    info: z.record(z.string(), dependency).optional(),
    error: z.record(z.string(), dependency).optional(),
    details: z.record(z.string(), dependency),
  })
  .meta({ id: 'Readiness' });

// Probes poll often and must never be rate limited.
const PROBE = { tag: 'health', kind: 'api', method: 'get', rateLimited: false } as const;

const LIVENESS = defineOperation({
  ...PROBE,
  path: '/health',
  operationId: 'liveness',
  summary: 'Liveness: the process answers (never touches dependencies)',
  success: { status: 200, description: 'Alive', schema: z.object({ status: z.literal('ok') }) },
});

const READINESS = defineOperation({
  ...PROBE,
  path: '/ready',
  operationId: 'readiness',
  summary: 'Readiness: Postgres and Redis both answer within 1.5 s',
  success: { status: 200, description: 'Ready', schema: readiness },
  errors: { 503: { description: 'Not ready: `details` says which dependency is down', schema: readiness } },
});

@Controller()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(TypeOrmHealthIndicator) private readonly database: TypeOrmHealthIndicator,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. Never touches dependencies, so a Redis outage does not restart pods. */
  @Operation(LIVENESS)
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis both answer within 1.5 s; 503 otherwise. */
  @Operation(READINESS)
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
