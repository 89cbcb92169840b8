import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/config';
import { freePort } from '@app/embedded';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureHttpApp } from '../../apps/api/src/configure-http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './test-services.js';

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

export interface ListeningApiApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port>, also its PUBLIC_URL. */
  base: string;
  close(): Promise<void>;
}

/** The API on a loopback port of its own with a fresh database, for a browser to visit. */
export async function createListeningApiApp(overrides: Record<string, string> = {}): Promise<ListeningApiApp> {
  const database: TestDatabase = await createTestDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await createApiApp(testConfig(database.url, { PUBLIC_URL: base, ...overrides }));
  await app.listen(port, '127.0.0.1');
  return {
    app,
    base,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
