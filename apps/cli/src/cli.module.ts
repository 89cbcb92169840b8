import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { coreModules } from '@app/platform';
import { DigestEnqueuer } from '../../worker/src/digest/digest-enqueuer.js';
import { IngestCoreModule } from '../../worker/src/ingest/ingest-core.module.js';

/** Only what the commands need: no HTTP, no processors, no crons. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [...coreModules(config), IngestCoreModule], providers: [DigestEnqueuer] };
  }
}
