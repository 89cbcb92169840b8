import type { DynamicModule, Type } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { LoggerModule } from '@app/platform';

/** What every Paperboy process needs: config, logs, Postgres (migrated), Redis and the queues. */
export function coreModules(config: AppConfig): Array<DynamicModule | Type> {
  return [ConfigModule.forRoot(config), LoggerModule, DatabaseModule, QueueModule];
}
