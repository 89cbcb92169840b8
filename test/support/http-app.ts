import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/config';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureHttpApp } from '../../apps/api/src/configure-http-app.js';

/** The real API module, configured exactly as in production, ready for supertest. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  });
  configureHttpApp(app);
  await app.init();
  return app;
}
