// `npm start`: the whole service on embedded defaults: the API (and the embedded services) in this
// process, the worker in WORKER_PROCESSES processes under its supervision (one per core by default;
// with 1, in this process too).
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { MissingDependencyError } from '@app/embedded';
import { exitGracefullyOnSignals, runMain, superviseWorkers, type Supervisor } from '@app/platform';
import { configureHttpApp } from '../../api/src/configure-http-app.js';
import { QUEUE_DASHBOARD_ROUTE } from '../../api/src/admin/queue-dashboard.js';
import { ApiModule } from '../../api/src/api.module.js';
import { AllInOneModule } from './all-in-one.module.js';
import { AlreadyRunningError, startEmbeddedServices } from './embedded-defaults.js';

runMain(async () => {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  let embedded;
  try {
    embedded = await startEmbeddedServices(dataDir, process.env);
  } catch (error) {
    if (error instanceof MissingDependencyError || error instanceof AlreadyRunningError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
  const services = embedded;
  try {
    const config = AppConfig.fromEnv(services.env);
    const separateWorkers = config.workerProcesses > 1;
    const app = await NestFactory.create<NestExpressApplication>(separateWorkers ? ApiModule.forRoot(config) : AllInOneModule.forRoot(config), {
      bufferLogs: true,
      bodyParser: false,
    });
    configureHttpApp(app);
    let workers: Supervisor | null = null;
    // Workers stop first (they finish in-flight digests against the database), then the API, then the embedded services.
    exitGracefullyOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, before: () => workers?.stop(), after: services.stop });
    await app.listen(config.port, config.host);
    if (separateWorkers) {
      const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../worker/src/main.js');
      workers = superviseWorkers({ script, processes: config.workerProcesses, env: services.env, shutdownTimeoutMs: config.shutdownTimeoutMs, maxHeapMb: config.workerMaxHeapMb });
      await workers.ready;
    }
    const base = config.publicUrl;
    const lines = [
      '',
      'Paperboy is running.',
      `  Site                ${base}/`,
      `  API docs            ${base}/docs`,
      services.inbox ? `  Inbox (caught mail) ${services.inbox.inboxUrl}/` : `  Mail goes to        ${config.smtpUrl.replace(/\/\/[^@]*@/, '//')}`,
      `  Queue dashboard     ${base}${QUEUE_DASHBOARD_ROUTE}  (user: admin, password: the admin token)`,
      `  Readiness           ${base}/ready`,
      `  Worker processes    ${config.workerProcesses}${separateWorkers ? '' : ' (in this process)'}`,
      `  Postgres            ${config.databaseUrl}`,
      `  Admin token         ${config.adminToken}  (kept in ${path.join(dataDir, 'secrets.json')})`,
      ...(services.started.length ? ['  Started here:       ' + services.started.join('; ')] : []),
      'Press Ctrl-C to stop.',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (error) {
    await services.stop();
    throw error;
  }
});
