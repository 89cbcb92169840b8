import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/config';
import { freePort, startMailCatcher, type CaughtMessage, type MailCatcherHandle, type MailCatcherOptions } from '@app/embedded';
import { AllInOneModule } from '../../apps/all-in-one/src/all-in-one.module.js';
import { configureHttpApp } from '../../apps/api/src/configure-http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './test-services.js';

export interface FullApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  smtp: MailCatcherHandle;
  /** Waits until `count` messages to `to` were accepted by the SMTP sink. */
  mailTo(to: string, count?: number, timeoutMs?: number): Promise<CaughtMessage[]>;
  close(): Promise<void>;
}

/** API and worker in one process against real Postgres, Redis and an SMTP sink on loopback. */
export async function createFullApp(overrides: Record<string, string> = {}, options: { listen?: boolean; smtp?: MailCatcherOptions } = {}): Promise<FullApp> {
  const database = await createTestDatabase();
  const smtp = await startMailCatcher(options.smtp);
  // A listening app (for a browser) needs its real address in every link.
  const port = options.listen ? await freePort() : 0;
  const listening: Record<string, string> = options.listen ? { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` } : {};
  const config = testConfig(database.url, { SMTP_URL: smtp.smtpUrl, ...listening, ...overrides });
  const app = await NestFactory.create<NestExpressApplication>(AllInOneModule.forRoot(config), { bodyParser: false, logger: false, abortOnError: false });
  configureHttpApp(app);
  if (options.listen) await app.listen(port, '127.0.0.1');
  else await app.init();
  const mailTo = async (to: string, count = 1, timeoutMs = 10000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = smtp.messages().filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === to.toLowerCase()));
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    app,
    config,
    database,
    smtp,
    mailTo,
    close: async () => {
      await app.close();
      await smtp.stop();
      await database.drop();
    },
  };
}

/** The first link in a message's text part that starts with the given prefix. */
export function linkIn(message: CaughtMessage, prefix: string): string {
  const match = message.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no link starting ${prefix} in:\n${message.text}`);
  return match[0];
}
