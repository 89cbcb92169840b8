import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { AppConfig } from '@app/config';
import { linksFor } from './support/links.js';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const TODAY = new Date().toISOString().slice(0, 10);
// What a reader must never get: controls, bidi overrides and isolates, zero-width characters, BOM.
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069\u200B\uFEFF\u00AD]/;
const SUMMARY_WITHOUT_SPACES = 'reward'.repeat(900);

/**
 * Rows as a hostile feed could have left them before ingest cleaned anything (they stay as they are in the
 * database): every reader-facing output must apply the same rules as the email.
 */
const HOSTILE_ROW = {
  arxiv_id: '2511.90001',
  title: 'Reward \u202Eledom\u202C models\u200B and\u0007 process reward',
  abstract: SUMMARY_WITHOUT_SPACES,
  authors: JSON.stringify(['Ada\u2066 Lovelace', '\u200B']),
  organization: '\uFEFFLab\u0000',
  links: JSON.stringify({
    arxiv: 'https://arxiv.org/abs/2511.90001',
    code: 'javascript:alert(document.cookie)',
    projectPage: 'https://user:pass@example.org/project',
    pdf: 'data:text/html,<script>alert(1)</script>',
    paperPage: ' JaVaScRiPt:alert(1)',
  }),
};

describe('papers API, papers page and preview show stored text and links through the shared rules (real Postgres)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: pg.Client;
  let token: string;
  let subscriberId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    // Postgres refuses NUL in text, so the organization keeps the rest of what a feed could send.
    const row = { ...HOSTILE_ROW, organization: HOSTILE_ROW.organization.replace('\u0000', '\u0001') };
    await db.query(
      `INSERT INTO papers (arxiv_id, title, abstract, authors, organization, links, source, featured_date, upvotes) VALUES ($1, $2, $3, $4, $5, $6, 'test', $7, 5)`,
      [row.arxiv_id, row.title, row.abstract, row.authors, row.organization, row.links, TODAY],
    );
    const { rows } = await db.query(`INSERT INTO subscribers (email, email_normalized, status) VALUES ('p@example.org', 'p@example.org', 'active') RETURNING id`);
    subscriberId = rows[0].id;
    await db.query(`INSERT INTO subscriber_keywords (subscriber_id, keyword) VALUES ($1, 'process reward')`, [subscriberId]);
    token = linksFor(app.get(AppConfig)).token('manage', subscriberId);
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  it('GET /api/papers returns only safe http(s) links and cleaned text', async () => {
    const res = await http().get(`/api/papers?date=${TODAY}`).expect(200);
    const [paper] = res.body.papers;
    expect(paper.links).toEqual({ arxiv: 'https://arxiv.org/abs/2511.90001' });
    expect(paper.title).toBe('Reward ledom models and process reward');
    expect(paper.authors).toEqual(['Ada Lovelace']);
    expect(paper.organization).toBe('Lab');
    expect(JSON.stringify(res.body)).not.toMatch(/javascript:|data:text|user:pass/i);
    expect(JSON.stringify(res.body.papers)).not.toMatch(/\\u00[01][0-9a-f]|\\u007f/i);
    for (const text of [paper.title, paper.summary, paper.organization, ...paper.authors]) expect(text).not.toMatch(HIDDEN);
  });

  it('the preview returns the same', async () => {
    const res = await http().get(`/api/preferences/${token}/preview`).expect(200);
    const [paper] = res.body.papers;
    expect(paper).toMatchObject({ arxivId: '2511.90001', title: 'Reward ledom models and process reward', authors: ['Ada Lovelace'], organization: 'Lab', links: { arxiv: 'https://arxiv.org/abs/2511.90001' } });
    expect(Object.keys(paper.links)).toEqual(['arxiv']);
  });

  it('/papers links only http(s) URLs, hides nothing, and cuts a summary without spaces', async () => {
    const res = await http().get(`/papers?date=${TODAY}`).expect(200);
    expect(res.text).not.toMatch(/javascript:|data:text|user:pass/i);
    expect(res.text).not.toMatch(HIDDEN);
    expect(res.text).toContain('Reward ledom models and process reward');
    const summary = /<p>(reward[^<]*)<\/p>/.exec(res.text)?.[1] ?? '';
    expect(summary.length).toBeGreaterThan(100);
    expect(summary.length).toBeLessThanOrEqual(321);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('the feedback page names the paper with its cleaned title', async () => {
    await db.query(`INSERT INTO deliveries (subscriber_id, edition_date, state, paper_ids) VALUES ($1, $2, 'sent', '["2511.90001"]')`, [subscriberId, TODAY]);
    const link = new URL(linksFor(app.get(AppConfig), 'http://paperboy.test').feedback(subscriberId, '2511.90001', 'up'));
    const page = await http().get(link.pathname).expect(200);
    expect(page.text).toContain('“Reward ledom models and process reward”');
    expect(page.text).not.toMatch(HIDDEN);
  });
});
