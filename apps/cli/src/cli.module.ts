import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DeliveryRepository } from '@app/database';
import { EditionPlanner } from '@app/delivery';
import { DigestShards } from '@app/queue';
import { coreModules } from '@app/core';
import { IngestCoreModule } from '@app/ingest';

/** Only what the commands need: no HTTP, no processors, no crons. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [...coreModules(config), IngestCoreModule],
      providers: [
        {
          provide: EditionPlanner,
          inject: [DeliveryRepository, DigestShards, AppConfig],
          useFactory: (r: DeliveryRepository, shards: DigestShards, c: AppConfig) => new EditionPlanner(r, shards, c.digestBatchSize),
        },
      ],
    };
  }
}
