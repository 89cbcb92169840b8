import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { coreModules } from '@app/core';
import { API_FEATURE_MODULES, API_PROVIDERS } from '../../api/src/api.module.js';
import { WORKER_FEATURE_MODULES } from '../../worker/src/worker.module.js';

/** API and worker in one process: the `npm start` default. */
@Module({})
export class AllInOneModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AllInOneModule,
      imports: [...coreModules(config), ...API_FEATURE_MODULES, ...WORKER_FEATURE_MODULES],
      providers: API_PROVIDERS,
    };
  }
}
