import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { IngestCoreModule } from '@app/ingest';
import { coreModules } from '@app/core';

@Module({})
class IngestTestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: IngestTestModule, imports: [...coreModules(config), IngestCoreModule] };
  }
}

/** The ingest capability alone (sources, service, repositories) against real Postgres and Redis: no processors, no crons. */
export function createIngestContext(config: AppConfig): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(IngestTestModule.forRoot(config), { logger: false });
}
