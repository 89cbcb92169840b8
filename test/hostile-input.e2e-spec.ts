import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { SubscriberLinks } from '@app/subscribers';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const ADMIN = 'Bearer test-admin-token-0123456789';
const SECRET = 'test-token-secret-0123456789-0123456789';

type Method = 'get' | 'post' | 'put' | 'delete';
interface Probe {
  method: Method;
  path: string;
  body?: unknown;
  contentType?: string;
  admin?: boolean;
  /** 400 unless said otherwise. */
  status?: number;
}

// Every value JSON can carry, for fields that an HTML form only ever sends as text.
const WRONG_JSON_TYPES: Array<[string, unknown]> = [
  ['an object', {}],
  ['a nested object', { a: { b: [1] } }],
  ['a number', 5],
  ['a boolean', true],
  ['null', null],
  ['a list', ['x', 'y']],
  ['a list of objects', [{}]],
];

describe('hostile input never reaches a 500 (real Postgres and Redis)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: pg.Client;
  let links: SubscriberLinks;
  let subscriberId: string;
  let pendingId: string;
  const confirmPath = () => new URL(links.confirm(pendingId, 1, new Date(Date.now() + 3_600_000))).pathname;
  const http = () => request(app.getHttpServer());
  const path = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query(`INSERT INTO subscribers (email, email_normalized, status) VALUES ('hostile@example.org', 'hostile@example.org', 'active') RETURNING id`);
    subscriberId = rows[0].id;
    await db.query(`INSERT INTO papers (arxiv_id, title, source) VALUES ('2511.00042', 'A paper', 'test')`);
    links = new SubscriberLinks('http://paperboy.test', SECRET);
    const pending = await db.query(
      `INSERT INTO subscribers (email, email_normalized, status, confirm_request, pending_choices, confirmation_sent_at) VALUES ('pending@example.org', 'pending@example.org', 'pending', 1, '{}', now()) RETURNING id`,
    );
    pendingId = pending.rows[0].id;
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  async function send(probe: Probe) {
    let req = http()[probe.method](probe.path);
    if (probe.admin) req = req.set('Authorization', ADMIN);
    if (probe.body !== undefined) {
      req = req.set('Content-Type', probe.contentType ?? 'application/json');
      req = req.send(typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body));
    }
    return req;
  }

  /** Sends every probe and lists those answered otherwise than expected (all at once, to see every failure). */
  async function unexpectedAnswers(probes: Probe[]) {
    const wrong: Array<{ probe: Probe; status: number }> = [];
    for (const probe of probes) {
      const res = await send(probe);
      if (res.status !== (probe.status ?? 400)) wrong.push({ probe, status: res.status });
    }
    return wrong;
  }

  describe('the routes the probe found answering 500', () => {
    const probes = (): Probe[] => {
      const manage = path(links.manage(subscriberId));
      return [
        // The forms take form bodies only: JSON is refused before anything reads it.
        { method: 'post', path: '/subscribe', body: { email: 'a@b.test', keywords: {} }, status: 415 },
        { method: 'post', path: '/subscribe', body: { email: 'a@b.test', timezone: 5 }, status: 415 },
        { method: 'post', path: '/preferences/not-a-token', body: { maxPapers: 5 }, status: 415 },
        { method: 'post', path: manage, body: { maxPapers: 5 }, status: 415 },
        { method: 'get', path: '/api/papers?date=0000-01-01' },
        { method: 'get', path: '/papers?date=0000-01-01' },
        { method: 'get', path: '/api/papers?date=1989-12-31' },
        { method: 'get', path: '/api/papers?date=2026-02-30' },
        // A page path naming no edition: the digest page's own "no such digest" 404.
        { method: 'get', path: `${path(links.viewInBrowser(subscriberId, '2026-02-30'))}`, status: 404 },
        { method: 'get', path: `${path(links.viewInBrowser(subscriberId, '0000-01-01'))}`, status: 404 },
        { method: 'get', path: `${path(links.feedbackBase(subscriberId))}/%00/up` },
        { method: 'post', path: `${path(links.feedbackBase(subscriberId))}/%00/up` },
        { method: 'put', path: '/api/admin/topics/%00', admin: true, body: { name: 'x y' } },
        { method: 'delete', path: '/api/admin/topics/%00', admin: true },
        { method: 'get', path: '/api/admin/subscribers?q=%00', admin: true },
        { method: 'get', path: '/api/admin/ingest-runs?source=%00', admin: true },
        { method: 'get', path: '/api/admin/ingest-runs?day=0000-01-01', admin: true },
        { method: 'get', path: '/api/admin/digests/0000-01-01', admin: true },
        { method: 'post', path: '/api/admin/digests/run', admin: true, body: { date: '0000-01-01' } },
        { method: 'post', path: '/api/admin/ingest', admin: true, body: { source: 'sample', date: '1900-01-01' } },
      ];
    };

    it('answers each with 400 (404 for an unknown token or page), never 500', async () => {
      expect(await unexpectedAnswers(probes())).toEqual([]);
    });
  });

  describe('NUL bytes are refused everywhere: path, query, body', () => {
    const probes = (): Probe[] => {
      const manage = path(links.manage(subscriberId));
      return [
        { method: 'get', path: `/api/preferences/${'%00'.repeat(3)}` },
        { method: 'get', path: '/api/topics?x=%00' },
        { method: 'get', path: '/api/topics?x%00=1' },
        { method: 'get', path: '/api/papers?date[%00]=1' },
        { method: 'post', path: '/api/subscribe', body: { email: 'nul@example.org', keywords: ['a\u0000b'] } },
        { method: 'post', path: '/api/subscribe', body: { email: 'nul@example.org', 'key\u0000': 'x' } },
        { method: 'post', path: '/subscribe', body: 'email=nul%40example.org&keywords=a%00b', contentType: 'application/x-www-form-urlencoded' },
        { method: 'put', path: `/api/preferences/${manage.split('/')[2]}`, body: { keywords: [['deep', ['deeper\u0000']]] } },
        { method: 'post', path: '/api/admin/topics', admin: true, body: { slug: 'nul-topic', name: 'Nul\u0000name', query: 'nul' } },
        { method: 'post', path: '/api/admin/subscribers/import?consent=true', admin: true, body: 'email\nnul\u0000@example.org\n', contentType: 'text/csv' },
      ];
    };

    it('answers each with 400 naming where it was found', async () => {
      expect(await unexpectedAnswers(probes())).toEqual([]);
    });

    it('stores nothing from a refused request', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM subscribers WHERE email_normalized = 'nul@example.org'`);
      expect(rows[0].n).toBe(0);
    });
  });

  describe('the HTML form routes with JSON bodies, and with form fields of the wrong shape', () => {
    const form = (fields: Array<[string, string]>) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const cases = (): Array<[string, Probe]> => {
      const manage = path(links.manage(subscriberId));
      const out: Array<[string, Probe]> = [];
      // Every value JSON can carry, in every field: a form route takes a form, so JSON is a 415 whatever it holds.
      for (const [label, value] of WRONG_JSON_TYPES) {
        for (const field of ['email', 'topics', 'keywords', 'timezone', 'frequency']) {
          out.push([`/subscribe ${field} as ${label}`, { method: 'post', path: '/subscribe', body: { email: 'types@example.org', [field]: value }, status: 415 }]);
        }
        for (const field of ['topics', 'keywords', 'frequency', 'weeklyDay', 'deliveryHour', 'timezone', 'maxPapers', 'minUpvotes']) {
          out.push([`/preferences ${field} as ${label}`, { method: 'post', path: manage, body: { [field]: value }, status: 415 }]);
        }
        out.push([`/confirm as ${label}`, { method: 'post', path: confirmPath(), body: { review: '1', topics: value }, status: 415 }]);
      }
      // What a form can carry of the wrong shape: a text field given twice.
      const urlencoded = 'application/x-www-form-urlencoded';
      for (const field of ['email', 'keywords', 'timezone', 'frequency']) {
        out.push([`/subscribe ${field} twice`, { method: 'post', path: '/subscribe', body: form([['email', 'types@example.org'], [field, 'x'], [field, 'y']]), contentType: urlencoded }]);
      }
      for (const field of ['keywords', 'frequency', 'weeklyDay', 'deliveryHour', 'timezone', 'maxPapers', 'minUpvotes']) {
        out.push([`/preferences ${field} twice`, { method: 'post', path: manage, body: form([[field, '1'], [field, '2']]), contentType: urlencoded }]);
        out.push([`/preferences (unknown token) ${field} twice`, { method: 'post', path: '/preferences/not-a-token', body: form([[field, '1'], [field, '2']]), contentType: urlencoded, status: 404 }]);
      }
      for (const field of ['keywords', 'timezone', 'frequency']) {
        out.push([`/confirm ${field} twice`, { method: 'post', path: confirmPath(), body: form([['review', '1'], [field, 'x'], [field, 'y']]), contentType: urlencoded }]);
      }
      out.push(['/subscribe with a JSON list body', { method: 'post', path: '/subscribe', body: [1, 2], status: 415 }]);
      out.push(['/subscribe with a JSON string body', { method: 'post', path: '/subscribe', body: '"x"', status: 415 }]);
      return out;
    };

    it('answers 415 for JSON and 400 for a field given twice (404 for an unknown token), never 500', async () => {
      expect(await unexpectedAnswers(cases().map(([, probe]) => probe))).toEqual([]);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM subscribers WHERE email_normalized = 'types@example.org'`);
      expect(rows[0].n).toBe(0);
      expect((await db.query(`SELECT status FROM subscribers WHERE id = $1`, [pendingId])).rows).toEqual([{ status: 'pending' }]);
    });

    it('names the field at fault on the re-shown form', async () => {
      const res = await send({ method: 'post', path: '/subscribe', body: form([['email', 'a@b.test'], ['timezone', 'UTC'], ['timezone', 'Asia/Tokyo']]), contentType: 'application/x-www-form-urlencoded' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('id="timezone-error"');
      expect(res.text).toContain('must be given once');
    });
  });
});
