// Production entry point of the worker: BullMQ processors and crons, no HTTP.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { exitGracefullyOnSignals, runMain } from '@app/platform';
import { WorkerModule } from './worker.module.js';

runMain(async () => {
  const config = AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  exitGracefullyOnSignals(app, { timeoutMs: config.shutdownTimeoutMs });
  await app.init();
  // Said whatever LOG_LEVEL is: operators (and tests) wait for it.
  process.stdout.write(`Paperboy worker started (pid ${process.pid}).\n`);
});
