import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

describe('rate limits on Redis', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url, { SUBSCRIBE_RATE_PER_IP: '3', SUBSCRIBE_RATE_PER_ADDRESS: '2', RATE_LIMIT_PER_IP: '50' }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const subscribe = (email: string, ip: string) =>
    request(app.getHttpServer()).post('/api/subscribe').set('X-Forwarded-For', ip).send({ email });

  it('limits subscribe requests per IP with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) await subscribe(`ip-${i}@example.org`, '203.0.113.7').expect(202);
    const blocked = await subscribe('ip-3@example.org', '203.0.113.7').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body.message).toMatch(/Too many requests/);
    // Another client is not affected.
    await subscribe('ip-3@example.org', '203.0.113.8').expect(202);
  });

  it('limits subscribe requests per address, whatever the IP, case-insensitively', async () => {
    await subscribe('target@example.org', '198.51.100.1').expect(202);
    await subscribe('TARGET@example.org', '198.51.100.2').expect(202);
    const blocked = await subscribe('Target@Example.org', '198.51.100.3').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(60);
    await subscribe('someone-else@example.org', '198.51.100.3').expect(202);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 60; i++) await request(app.getHttpServer()).get('/health').set('X-Forwarded-For', '192.0.2.1').expect(200);
  });

  it('limits every endpoint per IP', async () => {
    let last = 200;
    for (let i = 0; i < 52 && last !== 429; i++) last = (await request(app.getHttpServer()).get('/api/topics').set('X-Forwarded-For', '192.0.2.99')).status;
    expect(last).toBe(429);
  });
});
