import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

describe('health, readiness and the admin dashboard (real Postgres and Redis)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  const config = () => testConfig(database.url);

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(config());
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers /health without touching dependencies', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('reports Postgres and Redis up on /ready', async () => {
    const res = await request(app.getHttpServer()).get('/ready').expect(200);
    expect(res.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('tags every response with a request id, keeping a sane one the caller sent', async () => {
    const minted = await request(app.getHttpServer()).get('/health');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'trace-123');
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'bad id with spaces; and more');
    // A fresh UUID (a check for the substring 'bad' failed whenever the UUID's hex spelled it).
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps the queue dashboard behind ADMIN_TOKEN', async () => {
    const denied = await request(app.getHttpServer()).get('/admin/queues').expect(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Basic/);
    await request(app.getHttpServer()).get('/admin/queues').set('Authorization', 'Bearer wrong-token-000000000').expect(401);
    const page = await request(app.getHttpServer()).get('/admin/queues').auth('admin', 'test-admin-token-0123456789').expect(200);
    expect(page.text).toContain('Paperboy queues');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(res.body.info.title).toBe('Paperboy API');
  });

  it('answers an unknown route with a JSON 404, not a 500', async () => {
    const res = await request(app.getHttpServer()).get('/no/such/page').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404 });
  });

  it('answers /ready with 503 quickly when Redis is unreachable', async () => {
    const broken = await createApiApp(testConfig(database.url, { REDIS_URL: 'redis://127.0.0.1:1' }));
    try {
      const started = Date.now();
      const res = await request(broken.getHttpServer()).get('/ready').expect(503);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.body.details.redis.status).toBe('down');
      expect(res.body.details.postgres.status).toBe('up');

      // Subscribing cannot queue its confirmation: a quick 503, and the address is not locked out for the hour.
      const before = Date.now();
      const sub = await request(broken.getHttpServer()).post('/api/subscribe').send({ email: 'while-redis-down@example.org' });
      expect(sub.status).toBe(503);
      expect(Date.now() - before).toBeLessThan(6000);
      // Refused before anything was recorded (no row), and in any case no confirmation slot is spent.
      const rows = await broken.get(DataSource).query(`SELECT confirmation_sent_at FROM subscribers WHERE email_normalized = 'while-redis-down@example.org'`);
      expect(rows.filter((r: { confirmation_sent_at: Date | null }) => r.confirmation_sent_at !== null)).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});
