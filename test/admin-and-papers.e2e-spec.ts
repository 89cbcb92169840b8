import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { SubscriberLinks } from '@app/subscribers';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const ADMIN = 'Bearer test-admin-token-0123456789';

describe('admin subscriber import and listing; public papers (real Postgres and Redis)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: pg.Client;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  it('refuses admin endpoints without the token', async () => {
    await http().get('/api/admin/subscribers').expect(401);
    await http().get('/api/admin/subscribers').set('Authorization', 'Bearer nope-nope-nope-nope').expect(401);
    await http().post('/api/admin/subscribers/import').send({ consent: true, subscribers: [{ email: 'a@example.org' }] }).expect(401);
  });

  it('requires explicit consent', async () => {
    const res = await http().post('/api/admin/subscribers/import').set('Authorization', ADMIN).send({ subscribers: [{ email: 'a@example.org' }] }).expect(400);
    expect(res.body.fields).toHaveProperty('consent');
    await http().post('/api/admin/subscribers/import?consent=false').set('Authorization', ADMIN).type('text/csv').send('email\na@example.org\n').expect(400);
  });

  it('imports JSON idempotently by email and reports each rejected row with its reason', async () => {
    await db.query(`INSERT INTO suppressions (email_normalized, reason) VALUES ('bounced@example.org', 'hard-bounce')`);
    const body = {
      consent: true,
      subscribers: [
        { email: 'Ada@Example.org', topics: ['reward-modeling'], keywords: ['process reward'], timezone: 'Europe/London' },
        { email: 'grace@example.org', frequency: 'weekly', maxPapers: 5 },
        { email: 'not an address' },
        { email: 'x@example.org', topics: ['astrology'] },
        { email: 'bounced@example.org' },
        { email: 'ada@example.org' },
      ],
    };
    const first = await http().post('/api/admin/subscribers/import').set('Authorization', ADMIN).send(body).expect(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0 });
    expect(first.body.rejected.map((r: { row: number }) => r.row)).toEqual([3, 4, 5, 6]);
    expect(first.body.rejected[0].reason).toMatch(/^email /);
    expect(first.body.rejected[1].reason).toMatch(/astrology/);
    expect(first.body.rejected[2].reason).toMatch(/suppressed/);

    const again = await http().post('/api/admin/subscribers/import').set('Authorization', ADMIN).send(body).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    const { rows } = await db.query(`SELECT email, status FROM subscribers ORDER BY email`);
    expect(rows).toEqual([
      { email: 'Ada@example.org', status: 'active' },
      { email: 'grace@example.org', status: 'active' },
    ]);
  });

  it('imports CSV with lists separated by semicolons', async () => {
    const csv = 'email,topics,keywords,timezone\nlinus@example.org,llm-agents;code-generation,"SWE-bench;tool use",America/New_York\nbad,,,\n';
    const res = await http().post('/api/admin/subscribers/import?consent=true').set('Authorization', ADMIN).type('text/csv').send(csv).expect(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, rejected: [{ row: 2, email: 'bad' }] });
    const list = await http().get('/api/admin/subscribers?q=linus').set('Authorization', ADMIN).expect(200);
    expect(list.body.items[0]).toMatchObject({ email: 'linus@example.org', topics: ['code-generation', 'llm-agents'], keywords: ['SWE-bench', 'tool use'], timezone: 'America/New_York' });
  });

  it('signs out the links of an unsubscribed address that an import brings back', async () => {
    const { rows } = await db.query(`INSERT INTO subscribers (email, email_normalized, status, confirmed_at, unsubscribed_at) VALUES ('back@example.org', 'back@example.org', 'unsubscribed', now(), now()) RETURNING id`);
    const oldManage = new SubscriberLinks('http://paperboy.test', 'test-token-secret-0123456789-0123456789').manage(rows[0].id);
    await http().get(new URL(oldManage).pathname).expect(200);
    await http().post('/api/admin/subscribers/import').set('Authorization', ADMIN).send({ consent: true, subscribers: [{ email: 'back@example.org' }] }).expect(200);
    await http().get(new URL(oldManage).pathname).expect(404);
    expect((await db.query(`SELECT status, link_generation FROM subscribers WHERE id = $1`, [rows[0].id])).rows[0]).toEqual({ status: 'active', link_generation: 1 });
    await db.query(`DELETE FROM subscribers WHERE id = $1`, [rows[0].id]);
  });

  it('reads CSV numbers as decimal digits only, refusing the row and naming the field', async () => {
    const csv = 'email,deliveryHour,maxPapers\nhex@example.org,0x10,5\nexp@example.org,7,1e1\nplus@example.org,+7,5\nok-digits@example.org,07,12\n';
    const res = await http().post('/api/admin/subscribers/import?consent=true').set('Authorization', ADMIN).type('text/csv').send(csv).expect(200);
    expect(res.body.created).toBe(1);
    expect(res.body.rejected).toEqual([
      { row: 1, email: 'hex@example.org', reason: expect.stringMatching(/^deliveryHour must be a whole number written with digits/) },
      { row: 2, email: 'exp@example.org', reason: expect.stringMatching(/^maxPapers must be a whole number written with digits/) },
      { row: 3, email: 'plus@example.org', reason: expect.stringMatching(/^deliveryHour must be a whole number written with digits/) },
    ]);
    const { rows } = await db.query(`SELECT delivery_hour, max_papers FROM subscribers WHERE email_normalized = 'ok-digits@example.org'`);
    expect(rows).toEqual([{ delivery_hour: 7, max_papers: 12 }]);
    await db.query(`DELETE FROM subscribers WHERE email_normalized = 'ok-digits@example.org'`);
  });

  it('imports CSV with a byte-order mark, and UTF-16 when its charset is named; says why otherwise', async () => {
    const csv = 'email,keywords\nutf8bom@example.org,café\n';
    const importCsv = (body: Buffer, type = 'text/csv') => http().post('/api/admin/subscribers/import?consent=true').set('Authorization', ADMIN).set('Content-Type', type).send(body);
    expect((await importCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])).expect(200)).body).toMatchObject({ created: 1, rejected: [] });

    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replace('utf8bom', 'utf16le'), 'utf16le')]);
    const refused = await importCsv(utf16le).expect(400);
    expect(refused.body.fields.body).toMatch(/UTF-16/);
    expect((await importCsv(utf16le, 'text/csv; charset=utf-16le').expect(200)).body).toMatchObject({ created: 1, rejected: [] });

    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv.replace('utf8bom', 'utf16be'), 'utf16le').swap16()]);
    expect((await importCsv(utf16be, 'text/csv; charset=utf-16').expect(200)).body).toMatchObject({ created: 1, rejected: [] });

    const { rows } = await db.query(`SELECT s.email, k.keyword FROM subscribers s JOIN subscriber_keywords k ON k.subscriber_id = s.id WHERE s.email LIKE 'utf%' ORDER BY s.email`);
    expect(rows).toEqual([
      { email: 'utf16be@example.org', keyword: 'café' },
      { email: 'utf16le@example.org', keyword: 'café' },
      { email: 'utf8bom@example.org', keyword: 'café' },
    ]);
    await db.query(`DELETE FROM subscribers WHERE email LIKE 'utf%'`);
  });

  it('keeps the error short for a CSV with 50,000 unknown columns', async () => {
    const header = ['email', ...Array.from({ length: 50_000 }, (_, i) => `c${i}`)].join(',');
    const res = await http().post('/api/admin/subscribers/import?consent=true').set('Authorization', ADMIN).type('text/csv').send(`${header}\nwide@example.org\n`).expect(400);
    expect(res.body.fields.body).toContain('"c0", "c1"');
    expect(res.body.fields.body).toContain('and 49990 more');
    expect(res.text.length).toBeLessThan(1000);
  });

  it('keeps a rejected JSON row short whatever it carries', async () => {
    const wide = Object.fromEntries([['email', 'wide-json@example.org'], ...Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1])]);
    const res = await http().post('/api/admin/subscribers/import').set('Authorization', ADMIN).send({ consent: true, subscribers: [wide] }).expect(200);
    expect(res.body.rejected[0].reason).toMatch(/k0 is not a known field; .* and 4990 more$/);
    expect(res.body.rejected[0].reason.length).toBeLessThan(400);
  });

  it('lists subscribers with filters and paging', async () => {
    const all = await http().get('/api/admin/subscribers?pageSize=2').set('Authorization', ADMIN).expect(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const page2 = await http().get('/api/admin/subscribers?pageSize=2&page=2').set('Authorization', ADMIN).expect(200);
    expect(page2.body.items).toHaveLength(1);
    const byTopic = await http().get('/api/admin/subscribers?topic=reward-modeling').set('Authorization', ADMIN).expect(200);
    expect(byTopic.body.items.map((i: { email: string }) => i.email)).toEqual(['Ada@example.org']);
    await http().get('/api/admin/subscribers?status=zombie').set('Authorization', ADMIN).expect(400);
    await http().get('/api/admin/subscribers?pageSize=1000').set('Authorization', ADMIN).expect(400);
  });

  it("lists a day's papers trending first, and validates the date", async () => {
    await db.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes, links) VALUES
      ('2511.00001', 'Less popular', 'a', 'test', '2026-11-19', 3, '{}'),
      ('2511.00002', 'Most popular <b>bold</b>', 'b', 'test', '2026-11-19', 40, '{"arxiv": "https://arxiv.org/abs/2511.00002"}'),
      ('2511.00003', 'Unknown votes', 'c', 'test', '2026-11-19', NULL, '{}'),
      ('2511.00004', 'Next day', 'd', 'test', '2026-11-20', 1, '{}')`);
    const res = await http().get('/api/papers?date=2026-11-19').expect(200);
    expect(res.body.papers.map((p: { arxivId: string }) => p.arxivId)).toEqual(['2511.00002', '2511.00001', '2511.00003']);
    expect(res.body).toMatchObject({ date: '2026-11-19', nextDate: '2026-11-20', previousDate: null });
    const latest = await http().get('/api/papers').expect(200);
    expect(latest.body.date).toBe('2026-11-20');
    for (const bad of ['2026-13-01', '20261119', 'yesterday', '2026-02-30']) {
      const r = await http().get(`/api/papers?date=${bad}`).expect(400);
      expect(r.body.fields).toHaveProperty('date');
    }
    const page = await http().get('/papers?date=2026-11-19').expect(200);
    expect(page.text).toContain('Most popular &lt;b&gt;bold&lt;/b&gt;');
    expect(page.text).toContain('href="https://arxiv.org/abs/2511.00002"');
  });
});

describe('admin topic catalog (real Postgres)', () => {
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

  it('adds, edits and removes a topic, and it shows in the public catalog', async () => {
    await http().post('/api/admin/topics').set('Authorization', ADMIN).send({ slug: 'world-models', name: 'World models', description: 'Learned simulators.', query: '"world model" OR title:"world models"^2' }).expect(201);
    expect((await http().get('/api/topics').expect(200)).body.map((t: { slug: string }) => t.slug)).toContain('world-models');
    await http().post('/api/admin/topics').set('Authorization', ADMIN).send({ slug: 'world-models', name: 'Again', query: 'x' }).expect(409);
    const updated = await http().put('/api/admin/topics/world-models').set('Authorization', ADMIN).send({ query: '"world model" NOT "survey"' }).expect(200);
    expect(updated.body.query).toBe('"world model" NOT "survey"');
    await http().delete('/api/admin/topics/world-models').set('Authorization', ADMIN).expect(200);
    await http().delete('/api/admin/topics/world-models').set('Authorization', ADMIN).expect(404);
  });

  it.each([
    [{ slug: 'Bad Slug', name: 'x y', query: 'a' }, 'slug'],
    [{ slug: 'ok', name: 'x y', query: '"unbalanced' }, 'query'],
    [{ slug: 'ok', name: 'x y', query: '' }, 'query'],
    [{ slug: 'ok', name: 'x', query: 'a' }, 'name'],
    [{ slug: 'ok', name: 'x y', query: 'a', extra: 1 }, 'extra'],
  ])('refuses %j naming the field', async (body, field) => {
    const res = await http().post('/api/admin/topics').set('Authorization', ADMIN).send(body).expect(400);
    expect(res.body.fields).toHaveProperty(field);
  });

  it('needs the admin token', async () => {
    await http().get('/api/admin/topics').expect(401);
  });
});
