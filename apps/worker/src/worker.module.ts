import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { DrainWorkersFirst } from './drain-workers.js';
import type { AppConfig } from '@app/config';
import { coreModules } from '@app/core';
import { DigestModule } from './digest/digest.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { MailJobsModule } from './mail/mail-jobs.module.js';

@Module({ imports: [DiscoveryModule], providers: [DrainWorkersFirst] })
class ShutdownModule {}

/** Processors and crons. Crons only enqueue jobs with deterministic ids. */
export const WORKER_FEATURE_MODULES: Array<Type | DynamicModule> = [ScheduleModule.forRoot(), IngestModule, MailJobsModule, DigestModule, ShutdownModule];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...coreModules(config), ...WORKER_FEATURE_MODULES] };
  }
}
