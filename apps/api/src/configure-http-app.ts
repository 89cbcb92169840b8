import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { mountQueueDashboard } from './admin/queue-dashboard.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { securityHeaders } from './security-headers.js';

/** HTTP settings shared by the API entry point, the all-in-one entry and e2e tests. */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Off by default: with nothing in front, X-Forwarded-For is whatever the client wrote.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders);
  mountQueueDashboard(app);
  // No app-wide body parsers: each operation reads its own body, in the media types and up to the size
  // it declares (OperationInputInterceptor), once its guards have passed.
  // Generated from the operations' own schemas; also checks that every route declares one.
  const document = buildOpenApiDocument(app, config);
  // swagger-ui takes any OpenAPI object; its type is written for 3.0.
  SwaggerModule.setup('docs', app, document as unknown as OpenAPIObject, { jsonDocumentUrl: 'docs/openapi.json' });
}
