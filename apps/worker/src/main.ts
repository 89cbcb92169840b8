// Production entry point of the worker: BullMQ processors and crons, no HTTP. With
// WORKER_PROCESSES > 1 (default: one per core) this process supervises that many worker processes.
import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { exitGracefullyOnSignals, runMain, superviseWorkers } from '@app/platform';
import { WorkerModule } from './worker.module.js';

runMain(async () => {
  const config = AppConfig.fromEnv();
  if (config.workerProcesses > 1) {
    const supervisor = superviseWorkers({ script: fileURLToPath(import.meta.url), processes: config.workerProcesses, env: process.env, shutdownTimeoutMs: config.shutdownTimeoutMs, maxHeapMb: config.workerMaxHeapMb });
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${signal} received: stopping ${config.workerProcesses} worker processes…\n`);
      void supervisor.stop().then(() => {
        process.stderr.write('Stopped.\n');
        process.exit(0);
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    await supervisor.ready;
    process.stdout.write(`Paperboy worker supervisor started (pid ${process.pid}, ${config.workerProcesses} worker processes).\n`);
    return;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  exitGracefullyOnSignals(app, { timeoutMs: config.shutdownTimeoutMs });
  await app.init();
  // Said whatever LOG_LEVEL is: operators (and tests) wait for it.
  process.stdout.write(`Paperboy worker started (pid ${process.pid}).\n`);
});
