import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { coreModules } from '@app/core';
import { AdminModule } from './admin/admin.module.js';
import { DigestsModule } from './digests/digests.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { HealthModule } from './health/health.module.js';
import { OperationInputInterceptor } from './openapi/operation-input.interceptor.js';
import { PageAwareExceptionFilter } from './page-aware-exception.filter.js';
import { PapersModule } from './papers/papers.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';

/** The HTTP side's feature modules; the all-in-one entry mounts them beside the worker's. */
export const API_FEATURE_MODULES: Type[] = [HealthModule, RateLimitModule, SubscriptionsModule, PapersModule, AdminModule, FeedbackModule, DigestsModule];
export const API_PROVIDERS: Provider[] = [
  { provide: APP_FILTER, useClass: PageAwareExceptionFilter },
  { provide: APP_INTERCEPTOR, useClass: OperationInputInterceptor },
];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ApiModule, imports: [...coreModules(config), ...API_FEATURE_MODULES], providers: API_PROVIDERS };
  }
}
