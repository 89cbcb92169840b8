import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type RequestHandler } from 'express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { mountQueueDashboard } from './admin/queue-dashboard.js';
import { securityHeaders } from './security-headers.js';

const isAdminApi = (path: string) => /^\/api\/admin(\/|$)/i.test(path);
/** Runs a body parser everywhere except under the admin API. */
const exceptAdminApi =
  (parser: RequestHandler): RequestHandler =>
  (req, res, next) =>
    isAdminApi(req.path) ? next() : parser(req, res, next);

/** HTTP settings shared by the API entry point, the all-in-one entry and e2e tests. */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Off by default: with nothing in front, X-Forwarded-For is whatever the client wrote.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders);
  // Before the app's body parsers: the dashboard takes JSON only, never a form.
  mountQueueDashboard(app);
  // Admin imports may be large; everything else is small (a subscribe form is under 10 KB).
  app.use('/api/admin', express.json({ limit: '5mb' }));
  app.use(express.json({ limit: '100kb' }));
  // Forms are for the site's pages; the admin API takes JSON (and CSV) only.
  app.use(exceptAdminApi(express.urlencoded({ limit: '100kb', extended: false })));
  // Admin CSV imports only; larger than the form limit.
  app.use(express.text({ type: 'text/csv', limit: '5mb' }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Paperboy API')
      .setDescription('Subscribe to a personal digest of trending research papers.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, for /api/admin endpoints' }, 'admin')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
