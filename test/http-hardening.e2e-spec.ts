import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { LinkTokens } from '@app/subscribers';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
const TOKEN_SECRET = 'test-token-secret-0123456789-0123456789';

describe('HTTP hardening: headers, error pages, hostile bodies (real Postgres and Redis)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let manage: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url, { SUBSCRIBE_RATE_PER_IP: '10' }));
    await request(app.getHttpServer()).post('/api/subscribe').set('X-Forwarded-For', '192.0.2.1').send({ email: 'private@example.org' }).expect(202);
    // The subscription is recorded just after the answer (so timing tells nothing): wait for it.
    let row: { id: string } | undefined;
    for (const deadline = Date.now() + 10000; !row && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      [row] = await app.get(DataSource).query(`SELECT id FROM subscribers WHERE email_normalized = 'private@example.org'`);
    }
    if (!row) throw new Error('the subscription was never recorded');
    manage = new LinkTokens(TOKEN_SECRET).issue({ purpose: 'manage', subscriberId: row.id });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('marks personal data as never to be cached or sniffed', async () => {
    for (const path of [`/api/preferences/${manage}`, `/api/preferences/${manage}/export`, `/api/preferences/${manage}/preview`]) {
      const res = await http().get(path).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const path of [`/preferences/${manage}`, '/confirm/x', '/unsubscribe/x', '/feedback/x/2501.00001/up', '/digests/x/2026-01-01', '/api/admin/topics']) {
      const res = await http().get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // Public JSON is cacheable, but never sniffed.
    const topics = await http().get('/api/topics').expect(200);
    expect(topics.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends every HTML response with a CSP that forbids framing', async () => {
    const pages = ['/', '/papers', '/check-inbox', '/confirm/x', '/unsubscribe/x', `/preferences/${manage}`, '/preferences/not-a-token', '/feedback/x/2501.00001/up', '/digests/x/2026-01-01', '/docs', '/no/such/page'];
    for (const path of pages) {
      const res = await http().get(path).set('Accept', 'text/html');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('gives the API docs a CSP that keeps scripts and requests to this site', async () => {
    const res = await http().get('/docs').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('names __proto__ and constructor keys as unknown fields', async () => {
    const res = await http()
      .post('/api/subscribe')
      .set('X-Forwarded-For', '192.0.2.2')
      .set('Content-Type', 'application/json')
      .send('{"email":"proto@example.org","__proto__":{"admin":true},"constructor":{"prototype":{}}}')
      .expect(400);
    // (An object literal's __proto__ would set the prototype; compare entries.)
    expect(Object.entries(res.body.fields)).toEqual([
      ['__proto__', 'is not a known field'],
      ['constructor', 'is not a known field'],
    ]);
    expect(res.body.message).toBe('__proto__ is not a known field; constructor is not a known field');
  });

  it("answers unreadable bodies in Paperboy's words, never the parser's", async () => {
    const cases: Array<[string, string, string, number, RegExp]> = [
      ['/api/subscribe', 'application/json', '{"email": "a@b.test",', 400, /^The request body is not valid JSON\.$/],
      ['/api/subscribe', 'application/json', `{"email":"${'a'.repeat(200_000)}"}`, 413, /^The request body is too large\.$/],
      ['/api/admin/topics', 'application/json', '{"slug":', 400, /^The request body is not valid JSON\.$/],
      ['/admin/queues/api/queues/ingest/add', 'application/json', '{"name":', 400, /^The request body is not valid JSON\.$/],
    ];
    for (const [path, type, body, status, message] of cases) {
      const res = await http().post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('Content-Type', type).send(body);
      expect(res.status).toBe(status);
      expect(res.body.message).toMatch(message);
      expect(res.text).not.toMatch(/Unexpected|JSON input|position|entity|at [A-Za-z]+ \(/);
    }
    const encoded = await http().post('/api/subscribe').set('Content-Type', 'application/json').set('Content-Encoding', 'x-evil-<b>').send('{}');
    expect(encoded.status).toBe(415);
    expect(encoded.text).not.toContain('x-evil');
  });

  // Found by the API fuzz suite: the asset's own Content-Type stayed on its error, a JSON body labelled text/css.
  it('labels an error on an asset as what it is: a page of the site', async () => {
    for (const asset of ['/assets/site.css', '/assets/site.js']) {
      const res = await http().get(`${asset}?x=%00`).expect(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('must not contain NUL bytes');
    }
  });

  it('answers a malformed %-escape in a path with a 400 in its own words', async () => {
    const api = await http().get('/api/preferences/%E0%A4%A').expect(400);
    expect(api.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The URL is not valid.' });
    const page = await http().get('/confirm/%E0%A4%A').expect(400).expect('Content-Type', /^text\/html/);
    expect(page.text).toContain('The URL is not valid.');
    expect(page.text).not.toContain('decode');
  });

  it('answers a form post that is too large with a page, and the JSON API with JSON', async () => {
    const page = await http().post('/subscribe').type('form').send(`email=${'a'.repeat(200_000)}`).expect(413);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('The request body is too large.');
    expect(page.text).toContain('href="/assets/site.css"');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const big = `{"keywords":["${'k'.repeat(200_000)}"]}`;
    await http().post(`/preferences/${manage}`).type('form').send(`keywords=${'k'.repeat(200_000)}`).expect(413).expect('Content-Type', /^text\/html/);
    const api = await http().put(`/api/preferences/${manage}`).set('Content-Type', 'application/json').send(big).expect(413);
    expect(api.body).toMatchObject({ statusCode: 413, message: 'The request body is too large.' });
  });

  it('answers a rate-limited form post with a page that says when to retry', async () => {
    const post = () => http().post('/subscribe').set('X-Forwarded-For', '203.0.113.9').type('form').send('email=busy%40example.org');
    let res = await post();
    // Every subscribe request counts, readable or not (the limit is checked before the body is read).
    for (let i = 0; i < 12 && res.status !== 429; i++) res = await post();
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.text).toMatch(/Too many requests\. Try again in \d+ seconds\./);
    // A browser asking for a JSON route still gets JSON.
    const api = await http().post('/api/subscribe').set('Accept', 'text/html').send({ email: 'busy@example.org' }).expect(429);
    expect(api.body.statusCode).toBe(429);
  });

  it('accepts any run of spaces or tabs between Bearer and the admin token, and nothing around the token', async () => {
    for (const header of [`Bearer  ${ADMIN_TOKEN}`, `Bearer\t${ADMIN_TOKEN}`, `bearer \t ${ADMIN_TOKEN}`]) {
      await http().get('/api/admin/topics').set('Authorization', header).expect(200);
    }
    await http().get('/api/admin/topics').set('Authorization', `Bearer ${ADMIN_TOKEN} x`).expect(401);
    await http().get('/api/admin/topics').set('Authorization', `Bearer${ADMIN_TOKEN}`).expect(401);
  });
});
