import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { mountQueueDashboard } from './admin/queue-dashboard.js';

/** HTTP settings shared by the API entry point, the all-in-one entry and e2e tests. */
export function configureHttpApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Off by default: with nothing in front, X-Forwarded-For is whatever the client wrote.
  app.set('trust proxy', app.get(AppConfig).trustProxy);
  // Admin imports may be large; everything else is small (a subscribe form is under 10 KB).
  app.use('/api/admin', express.json({ limit: '5mb' }));
  app.useBodyParser('json', { limit: '100kb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  // Admin CSV imports only; larger than the form limit.
  app.useBodyParser('text', { type: 'text/csv', limit: '5mb' });
  mountQueueDashboard(app);
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
