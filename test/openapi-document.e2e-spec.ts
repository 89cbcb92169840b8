import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { headers?: Record<string, unknown> }>;
  security?: unknown[];
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, Record<string, unknown>> } };

/** Every operation of the document, as "METHOD /path". */
const operations = (doc: Document) => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })));

describe('the OpenAPI document at /docs/openapi.json', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let doc: Document;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
    doc = (await request(app.getHttpServer()).get('/docs/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const verdict = await new Validator().validate(structuredClone(doc) as never);
    expect(verdict.errors).toBeUndefined();
    expect(verdict.valid).toBe(true);
  });

  it('holds no keyword OpenAPI forbids in a schema, and does not call the admin token a JWT', () => {
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
    expect(doc.components.securitySchemes.admin).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.components.securitySchemes.admin.bearerFormat).toBeUndefined();
  });

  it('documents the request bodies and query parameters the server reads', () => {
    const op = (method: string, path: string) => doc.paths[path][method];
    expect(Object.keys(op('post', '/api/admin/topics').requestBody!.content)).toEqual(['application/json']);
    expect(Object.keys(op('put', '/api/admin/topics/{slug}').requestBody!.content)).toEqual(['application/json']);
    expect(Object.keys(op('post', '/api/admin/digests/run').requestBody!.content)).toEqual(['application/json']);
    expect(Object.keys(op('post', '/api/admin/subscribers/import').requestBody!.content)).toEqual(['application/json', 'text/csv']);
    const queryOf = (method: string, path: string) => (op(method, path).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(queryOf('get', '/api/admin/ingest-runs')).toEqual(['source', 'day', 'limit']);
    expect(queryOf('get', '/api/admin/subscribers')).toEqual(['status', 'topic', 'q', 'page', 'pageSize']);
    expect(queryOf('get', '/api/papers')).toEqual(['date']);
  });

  it('documents every refusal each operation can answer', () => {
    const missing: string[] = [];
    for (const { key, method, op } of operations(doc)) {
      const statuses = Object.keys(op.responses);
      const need = ['400'];
      if (op.security?.length) need.push('401', ...(method === 'get' ? [] : ['403']));
      if (op.requestBody) need.push('413', '415');
      if (!['GET /health', 'GET /ready'].includes(key)) need.push('429');
      for (const status of need) if (!statuses.includes(status)) missing.push(`${key} ${status}`);
      if (op.responses['429'] && !op.responses['429'].headers?.['Retry-After']) missing.push(`${key} 429 without Retry-After`);
    }
    expect(missing).toEqual([]);
  });

  it('documents the site pages and forms as well as the JSON API', () => {
    const keys = operations(doc).map((o) => o.key);
    for (const key of ['POST /subscribe', 'POST /confirm/{token}', 'POST /unsubscribe/{token}', 'POST /preferences/{token}', 'GET /feedback/{token}/{paperId}/{vote}', 'GET /digests/{token}/{date}']) expect(keys).toContain(key);
  });
});
