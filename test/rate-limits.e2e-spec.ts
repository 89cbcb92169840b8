import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
const ACCEPTED = { status: 'accepted', message: 'If this address can receive Paperboy, a confirmation email is on its way.' };

describe('rate limits on Redis', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    // supertest connects from loopback: trusting it lets each request name its client in X-Forwarded-For.
    app = await createApiApp(
      testConfig(database.url, { TRUST_PROXY: 'loopback', SUBSCRIBE_RATE_PER_IP: '3', RATE_LIMIT_PER_IP: '50', ADMIN_AUTH_FAILURES_PER_IP: '10' }),
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const subscribe = (body: object, ip: string) => http().post('/api/subscribe').set('X-Forwarded-For', ip).send(body);

  it('limits subscribe requests per IP with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) await subscribe({ email: `ip-${i}@example.org` }, '203.0.113.7').expect(202);
    const blocked = await subscribe({ email: 'ip-3@example.org' }, '203.0.113.7').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body.message).toMatch(/Too many requests/);
    // Another client is not affected.
    await subscribe({ email: 'ip-3@example.org' }, '203.0.113.8').expect(202);
  });

  it("never lets strangers' requests naming an address lock its owner out", async () => {
    const owner = 'owner@example.org';
    // Invalid and valid requests from many strangers, more than any per-address allowance.
    for (let i = 0; i < 8; i++) {
      const stranger = `198.51.100.${i + 1}`;
      await subscribe({ email: owner, timezone: 'Not/AZone' }, stranger).expect(400);
      await subscribe({ email: owner.toUpperCase() }, stranger).expect(202);
    }
    // The owner's own request is answered exactly as anyone's.
    const own = await subscribe({ email: owner, topics: ['reward-modeling'] }, '192.0.2.200').expect(202);
    expect(own.body).toEqual(ACCEPTED);
    // Mail bombing is still stopped: one confirmation email for the address in the hour.
    const [row] = await app.get(DataSource).query(`SELECT id FROM subscribers WHERE email_normalized = $1`, [owner]);
    const jobs = await app.get<Queue>(getQueueToken('mail')).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.filter((job) => job.data.subscriberId === row.id)).toHaveLength(1);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 60; i++) await http().get('/health').set('X-Forwarded-For', '192.0.2.1').expect(200);
  });

  it('limits every endpoint per IP', async () => {
    let last = 200;
    for (let i = 0; i < 52 && last !== 429; i++) last = (await http().get('/api/topics').set('X-Forwarded-For', '192.0.2.99')).status;
    expect(last).toBe(429);
  });

  it('blocks a client after 10 wrong passwords on the queue dashboard, even for the right one, until the window passes', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < 320; i++) {
      statuses.push((await http().get('/admin/queues').set('X-Forwarded-For', ip).auth('admin', `wrong-password-${i}`)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const right = await http().get('/admin/queues').set('X-Forwarded-For', ip).auth('admin', ADMIN_TOKEN).expect(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The admin API shares the count: it is one token, whichever door is knocked on.
    await http().get('/api/admin/topics').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(429);
    // Others are not affected.
    await http().get('/admin/queues').set('X-Forwarded-For', '203.0.113.51').auth('admin', ADMIN_TOKEN).expect(200);
  });

  it('blocks a client after 10 wrong bearer tokens on the admin API', async () => {
    const ip = '203.0.113.60';
    for (let i = 0; i < 10; i++) {
      await http().get('/api/admin/subscribers').set('X-Forwarded-For', ip).set('Authorization', `Bearer wrong-token-${i}-000000000`).expect(401);
    }
    const blocked = await http().get('/api/admin/subscribers').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Successful requests never count, nor do requests without credentials (a browser's first visit).
    for (let i = 0; i < 15; i++) await http().get('/api/admin/topics').set('X-Forwarded-For', '203.0.113.61').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    for (let i = 0; i < 15; i++) await http().get('/admin/queues').set('X-Forwarded-For', '203.0.113.61').expect(401);
    await http().get('/admin/queues').set('X-Forwarded-For', '203.0.113.61').auth('admin', ADMIN_TOKEN).expect(200);
  });
});

describe('client addresses without a trusted proxy (the default)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url, { SUBSCRIBE_RATE_PER_IP: '3' }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('ignores X-Forwarded-For, so a client cannot escape its limit by naming another address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(app.getHttpServer()).post('/api/subscribe').set('X-Forwarded-For', `203.0.113.${i}`).send({ email: `spoof-${i}@example.org` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
  });

  it('lets requests through, without waiting, when Redis is unreachable', async () => {
    const broken = await createApiApp(testConfig(database.url, { REDIS_URL: 'redis://127.0.0.1:1' }));
    try {
      const started = Date.now();
      await request(broken.getHttpServer()).get('/api/topics').expect(200);
      await request(broken.getHttpServer()).get('/api/admin/topics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await broken.close();
    }
  });
});
