import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { SubscriberLinks } from '@app/subscribers';
import { AppConfig } from '@app/config';
import { linksFor } from './support/links.js';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const SECRET = 'test-token-secret-0123456789-0123456789';

describe('👍 / 👎 feedback links (real Postgres)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: pg.Client;
  let subscriberId: string;
  const http = () => request(app.getHttpServer());
  const path = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query(`INSERT INTO subscribers (email, email_normalized, status) VALUES ('fb@example.org', 'fb@example.org', 'active') RETURNING id`);
    subscriberId = rows[0].id;
    await db.query(`INSERT INTO papers (arxiv_id, title, source) VALUES ('2511.00042', 'A paper about <i>rewards</i>', 'test'), ('2511.00043', 'A paper never sent', 'test')`);
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  const votes = async () => (await db.query('SELECT paper_id, vote FROM feedback')).rows;

  it('shows a button on GET and records nothing until POST; the latest vote wins', async () => {
    const up = linksFor(app.get(AppConfig), 'http://paperboy.test').feedback(subscriberId, '2511.00042', 'up');
    const down = linksFor(app.get(AppConfig), 'http://paperboy.test').feedback(subscriberId, '2511.00042', 'down');
    const page = await http().get(path(up)).expect(200);
    expect(page.text).toContain('A paper about &lt;i&gt;rewards&lt;/i&gt;');
    expect(await votes()).toEqual([]);
    await http().post(path(up)).expect(200);
    await http().post(path(up)).expect(200);
    expect(await votes()).toEqual([{ paper_id: '2511.00042', vote: 1 }]);
    await http().post(path(down)).expect(200);
    expect(await votes()).toEqual([{ paper_id: '2511.00042', vote: -1 }]);
  });

  it('refuses other purposes, tampered tokens, unknown papers and votes with 404', async () => {
    const good = path(linksFor(app.get(AppConfig), 'http://paperboy.test').feedback(subscriberId, '2511.00042', 'up'));
    const manage = linksFor(app.get(AppConfig)).token('manage', subscriberId);
    await http().post(`/feedback/${manage}/2511.00042/up`).expect(404);
    await http().post(good.replace('/up', '/sideways')).expect(404);
    await http().post(good.replace('2511.00042', '2511.99999')).expect(404);
    const token = good.split('/')[2];
    await http().post(good.replace(token, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'))).expect(404);
  });
  it('binds a link to its paper: it cannot vote on another paper, even one that exists', async () => {
    const up = path(linksFor(app.get(AppConfig), 'http://paperboy.test').feedback(subscriberId, '2511.00042', 'up'));
    await http().get(up.replace('2511.00042', '2511.00043')).expect(404);
    await http().post(up.replace('2511.00042', '2511.00043')).expect(404);
    expect(await votes()).not.toContainEqual(expect.objectContaining({ paper_id: '2511.00043' }));
  });

  it('counts a vote through a digest-wide token (sent before links were bound to papers) only on a paper the reader was sent', async () => {
    const shared = path(new SubscriberLinks('http://paperboy.test', SECRET).feedbackBase(subscriberId));
    await http().post(`${shared}/2511.00043/down`).expect(404);
    await db.query(`INSERT INTO reader_history (subscriber_id, editions) VALUES ($1, $2)`, [subscriberId, JSON.stringify({ '2026-11-20': { sent: true, papers: ['2511.00043'] } })]);
    await http().post(`${shared}/2511.00043/down`).expect(200);
    expect(await votes()).toContainEqual({ paper_id: '2511.00043', vote: -1 });
  });
});
