import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const ADMIN = 'Bearer test-admin-token-0123456789';
/** Characters outside the Basic Multilingual Plane: one character each, two UTF-16 code units. */
const astral = (n: number) => '𝕒'.repeat(n);

// What the API fuzz suite (test/api-fuzz.e2e-spec.ts) found, each kept as a plain example.
describe('requests the OpenAPI document calls valid are not refused (fuzz findings)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('counts lengths in characters, as the document and Postgres do, not in UTF-16 code units', async () => {
    // 100 characters: within 120 (was refused as 200 code units).
    const created = await http().post('/api/admin/topics').set('Authorization', ADMIN).send({ slug: 'astral', name: astral(100), description: astral(400), query: 'astral' });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(astral(100));
    await http().put('/api/admin/topics/astral').set('Authorization', ADMIN).send({ name: astral(120) }).expect(200);
    await http().put('/api/admin/topics/astral').set('Authorization', ADMIN).send({ name: astral(121) }).expect(400);
    await http().get(`/api/admin/ingest-runs?source=${encodeURIComponent(astral(40))}`).set('Authorization', ADMIN).expect(200);
    await http().get(`/api/admin/ingest-runs?source=${encodeURIComponent(astral(41))}`).set('Authorization', ADMIN).expect(400);
    await http().get(`/api/admin/subscribers?q=${encodeURIComponent(astral(254))}`).set('Authorization', ADMIN).expect(200);
    const keyword = '𠀀'.repeat(31); // 31 CJK characters, unchanged by NFKC: within 60
    await http().post('/api/subscribe').send({ email: 'astral@example.org', keywords: [keyword] }).expect(202);
  });

  it('states in the document that a topic name is trimmed: blanks around it do not count', async () => {
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    const name = doc.paths['/api/admin/topics'].post.requestBody.content['application/json'].schema.properties.name;
    const pattern = new RegExp(name.pattern, 'u');
    for (const blank of [' a ', '\n Z ', '\u3000\nZ ', '  ']) {
      expect(pattern.test(blank)).toBe(false);
      await http().post('/api/admin/topics').set('Authorization', ADMIN).send({ slug: 'blank', name: blank, query: 'blank' }).expect(400);
    }
    expect(pattern.test(' ab ')).toBe(true);
    await http().post('/api/admin/topics').set('Authorization', ADMIN).send({ slug: 'blank', name: ' ab ', query: 'blank' }).expect(201);
  });
});
