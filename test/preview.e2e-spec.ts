import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { AppConfig } from '@app/config';
import { linksFor } from './support/links.js';
import { createApiApp } from './support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// Papers featured relative to today, so the preview window holds whatever the date.
const PAPERS = [
  ['2511.10001', 'Process Reward Models for Step-Level Verification of Reasoning', 'We train a process reward model that scores each reasoning step; the reward model improves best-of-n selection.', 0, 10, null],
  ['2511.10002', 'Scaling GRPO to Long Reasoning Traces', 'Group relative policy optimization (GRPO) is made stable for long chains of thought with a new advantage estimator.', 0, 50, null],
  ['2511.10003', 'A Survey of Vision Transformers', 'We survey vision transformer architectures for image classification. In one appendix, a reward model is mentioned as future work.', 0, 100, null],
  ['2511.10004', 'Withdrawn Reward Model Study', 'A reward model study that the authors withdrew.', 0, 30, '2026-01-01T00:00:00Z'],
  ['2511.10005', 'An Unpopular Reward Model Benchmark', 'A benchmark of reward model accuracy.', 0, 1, null],
  ['2511.10006', 'Reward Models Long Ago', 'A reward model paper from before the window.', -10, 90, null],
  ['2511.10007', 'Reward Model Ensembles Already Sent', 'Ensembles of reward models, sent in the last digest.', -1, 70, null],
  ['2511.10008', 'Diffusion Models for Image Synthesis', 'Denoising diffusion for high-resolution images.', 0, 80, null],
] as const;

describe('preview: ingest → subscriber with topics and keywords → ranked papers with reasons', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: pg.Client;
  let token: string;
  let subscriberId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(testConfig(database.url));
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    for (const [id, title, abstract, offset, upvotes, withdrawn] of PAPERS) {
      await db.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes, withdrawn_at) VALUES ($1, $2, $3, 'test', $4, $5, $6)`, [id, title, abstract, day(offset), upvotes, withdrawn]);
    }
    const { rows } = await db.query(`INSERT INTO subscribers (email, email_normalized, status, min_upvotes, max_papers) VALUES ('p@example.org', 'p@example.org', 'active', 2, 10) RETURNING id`);
    subscriberId = rows[0].id;
    await db.query(`INSERT INTO subscriber_topics (subscriber_id, topic_id) SELECT $1, id FROM topics WHERE slug = 'reward-modeling'`, [subscriberId]);
    await db.query(`INSERT INTO subscriber_keywords (subscriber_id, keyword) VALUES ($1, 'GRPO')`, [subscriberId]);
    // Yesterday's edition went out with paper 7: the reader's history says so.
    await db.query(`INSERT INTO reader_history (subscriber_id, last_sent_edition, editions) VALUES ($1, $2, $3)`, [subscriberId, day(-1), JSON.stringify({ [day(-1)]: { sent: true, papers: ['2511.10007'] } })]);
    token = linksFor(app.get(AppConfig)).token('manage', subscriberId);
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  it('ranks papers about the interests first, with reasons, and leaves out what must not be sent', async () => {
    const res = await request(app.getHttpServer()).get(`/api/preferences/${token}/preview`).expect(200);
    // From the day before the last sent edition (the earliest day it can have been built) to today.
    expect(res.body.window).toEqual({ from: day(-2), to: day(0) });
    const ids = res.body.papers.map((p: { arxivId: string }) => p.arxivId);
    // Withdrawn, under the minimum upvotes, outside the window, already sent, unrelated: all absent.
    for (const absent of ['2511.10004', '2511.10005', '2511.10006', '2511.10007', '2511.10008']) expect(ids).not.toContain(absent);
    expect(ids.slice(0, 2).sort()).toEqual(['2511.10001', '2511.10002']);
    // A passing mention ranks below papers about the topic, however popular.
    if (ids.includes('2511.10003')) expect(ids.indexOf('2511.10003')).toBe(ids.length - 1);

    const prm = res.body.papers.find((p: { arxivId: string }) => p.arxivId === '2511.10001');
    expect(prm.reasons.join(' ')).toMatch(/reward model/i);
    expect(prm.reasons.join(' ')).toContain('Reward modeling');
    const grpo = res.body.papers.find((p: { arxivId: string }) => p.arxivId === '2511.10002');
    expect(grpo.reasons.join(' ')).toMatch(/GRPO/i);
    for (const p of res.body.papers) expect(p.score).toBeGreaterThan(0);
  });

  it('lowers papers like one the subscriber disliked', async () => {
    const before = (await request(app.getHttpServer()).get(`/api/preferences/${token}/preview`)).body.papers;
    await db.query(`INSERT INTO feedback (subscriber_id, paper_id, vote) VALUES ($1, '2511.10007', -1)`, [subscriberId]);
    const after = (await request(app.getHttpServer()).get(`/api/preferences/${token}/preview`)).body.papers;
    const scoreOf = (list: Array<{ arxivId: string; score: number }>, id: string) => list.find((p) => p.arxivId === id)!.score;
    // 2511.10001 (reward models) is like the disliked reward-model ensemble paper; GRPO is not.
    expect(scoreOf(after, '2511.10001')).toBeLessThan(scoreOf(before, '2511.10001'));
    expect(scoreOf(after, '2511.10002')).toBeCloseTo(scoreOf(before, '2511.10002'), 2);
    await db.query(`DELETE FROM feedback`);
  });

  it('answers 404 for a token that is not a manage token', async () => {
    const unsubscribe = linksFor(app.get(AppConfig)).token('unsubscribe', subscriberId);
    await request(app.getHttpServer()).get(`/api/preferences/${unsubscribe}/preview`).expect(404);
  });
});
