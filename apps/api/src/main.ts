// Production entry point of the HTTP API. Configured by environment only.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { exitGracefullyOnSignals, runMain } from '@app/platform';
import { ApiModule } from './api.module.js';
import { configureHttpApp } from './configure-http-app.js';

runMain(async () => {
  const config = AppConfig.fromEnv();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  configureHttpApp(app);
  exitGracefullyOnSignals(app, { timeoutMs: config.shutdownTimeoutMs });
  await app.listen(config.port, config.host);
});
