import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
const EVIL = 'https://evil.example';
const ADD_JOB = '/admin/queues/api/queues/ingest/add';

// What a page on another site can make a browser send with Basic credentials it cached for Paperboy.
const crossSiteForm = (app: NestExpressApplication, path: string, form: string) =>
  request(app.getHttpServer())
    .post(path)
    .auth('admin', ADMIN_TOKEN)
    .set('Origin', EVIL)
    .set('Sec-Fetch-Site', 'cross-site')
    .type('form')
    .send(form);

describe('the queue dashboard and admin API against other sites (real Redis)', () => {
  let database: TestDatabase;
  let readOnly: NestExpressApplication;
  let writable: NestExpressApplication;

  const ingestJobs = async (app: NestExpressApplication) => (await app.get<Queue>(getQueueToken('ingest')).getJobs(['waiting', 'delayed', 'prioritized', 'active'])).length;

  beforeAll(async () => {
    database = await createTestDatabase();
    readOnly = await createApiApp(testConfig(database.url));
    writable = await createApiApp(testConfig(database.url, { QUEUE_DASHBOARD_WRITE: 'true' }));
  });

  afterAll(async () => {
    await readOnly?.close();
    await writable?.close();
    await database?.drop();
  });

  it('refuses a cross-site form post that would add a job, and adds nothing', async () => {
    const form = 'name=evil&data=%7B%22source%22%3A%22sample%22%7D';
    const res = await crossSiteForm(writable, ADD_JOB, form);
    expect(res.status).toBe(403);
    // Older browsers send Origin without Sec-Fetch-Site.
    await request(writable.getHttpServer()).post(ADD_JOB).auth('admin', ADMIN_TOKEN).set('Origin', EVIL).type('form').send(form).expect(403);
    await request(writable.getHttpServer()).post(ADD_JOB).auth('admin', ADMIN_TOKEN).set('Origin', 'null').type('form').send(form).expect(403);
    expect(await ingestJobs(writable)).toBe(0);
  });

  it('refuses any form body on the dashboard, even from a browser that sends no Origin', async () => {
    for (const type of ['form', 'text/plain', 'multipart/form-data; boundary=x']) {
      await request(writable.getHttpServer()).post(ADD_JOB).auth('admin', ADMIN_TOKEN).type(type).send('name=evil&data=x').expect(415);
    }
    expect(await ingestJobs(writable)).toBe(0);
  });

  it('lets the dashboard itself (same origin, JSON) add a job when QUEUE_DASHBOARD_WRITE=true', async () => {
    await request(writable.getHttpServer())
      .post(ADD_JOB)
      .auth('admin', ADMIN_TOKEN)
      .set('Origin', 'http://paperboy.test')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ name: 'manual', data: { source: 'sample', date: '2026-01-01' } })
      .expect(200);
    expect(await ingestJobs(writable)).toBe(1);
    await writable.get<Queue>(getQueueToken('ingest')).obliterate({ force: true });
  });

  it('is read-only by default: the same request changes nothing', async () => {
    const res = await request(readOnly.getHttpServer())
      .post(ADD_JOB)
      .auth('admin', ADMIN_TOKEN)
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ name: 'manual', data: { source: 'sample', date: '2026-01-01' } });
    expect(res.status).toBe(405);
    await request(readOnly.getHttpServer()).put('/admin/queues/api/queues/ingest/pause').auth('admin', ADMIN_TOKEN).expect(405);
    expect(await readOnly.get<Queue>(getQueueToken('ingest')).isPaused()).toBe(false);
    expect(await ingestJobs(readOnly)).toBe(0);
  });

  it('refuses cross-site writes to the admin API, and still serves programs that send no Origin', async () => {
    await crossSiteForm(readOnly, '/api/admin/topics', 'slug=evil&name=Evil&query=evil').expect(403);
    await request(readOnly.getHttpServer())
      .post('/api/admin/topics')
      .auth('admin', ADMIN_TOKEN)
      .set('Sec-Fetch-Site', 'same-site')
      .send({ slug: 'evil', name: 'Evil', query: 'evil' })
      .expect(403);
    // curl with the bearer token: no Origin, no Sec-Fetch-Site.
    await request(readOnly.getHttpServer())
      .post('/api/admin/topics')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ slug: 'from-curl', name: 'From curl', query: 'curl' })
      .expect(201);
    // The site's own origin (PUBLIC_URL) is fine too.
    await request(readOnly.getHttpServer())
      .put('/api/admin/topics/from-curl')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('Origin', 'http://paperboy.test')
      .send({ name: 'From the site', query: 'curl' })
      .expect(200);
    const topics = await request(readOnly.getHttpServer()).get('/api/admin/topics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    expect(topics.body.map((t: { slug: string }) => t.slug)).not.toContain('evil');
  });

  it('takes no form bodies on the admin API', async () => {
    const res = await request(readOnly.getHttpServer()).post('/api/admin/topics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).type('form').send('slug=formed&name=Formed&query=formed');
    expect(res.status).toBe(415);
  });

  it('cannot be framed by another site', async () => {
    const page = await request(readOnly.getHttpServer()).get('/admin/queues').auth('admin', ADMIN_TOKEN).expect(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-powered-by']).toBeUndefined();
  });
});
