import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createFullApp, linkIn, type FullApp } from './support/full-app.js';

const TODAY = new Date().toISOString().slice(0, 10);
const ADMIN = 'Bearer test-admin-token-0123456789';

const entry = (id: string, title: string, summary: string, upvotes?: number) => ({
  paper: { id, title, summary, publishedAt: `${TODAY}T00:00:00.000Z`, authors: [{ name: 'Ada Lovelace' }], ...(upvotes === undefined ? {} : { upvotes }) },
  title,
  summary,
  publishedAt: `${TODAY}T12:00:00.000Z`,
  numComments: 0,
});

// A recorded Daily Papers day, served by a local HTTP server: the real fetch, parse and upsert code runs.
const DAY = [
  entry('2511.20001v1', 'Process Reward Models Done Right', 'We train a process reward model that scores each reasoning step and use it for best-of-n reranking.', 12),
  entry('2511.20002v3', 'Stable GRPO for Long Chains of Thought', 'We make group relative policy optimization (GRPO) stable for very long reasoning traces.', 40),
  entry('2511.20003', 'Reward Model Ensembles Against Reward Hacking', 'Ensembles of reward models reduce reward hacking and over-optimization in RLHF.', 5),
  entry('2511.20004', 'Text-to-Image Diffusion with Human Preferences', 'We align a text-to-image diffusion model with human preference data.', 90),
  { paper: { title: 'An entry without an id' }, publishedAt: `${TODAY}T12:00:00.000Z` },
];

describe('ingest → subscribe → confirm → preview (HTTP source, API, worker, Postgres, Redis, SMTP)', () => {
  let source: Server;
  let full: FullApp;
  const http = () => request(full.app.getHttpServer());

  beforeAll(async () => {
    source = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(url.searchParams.get('date') === TODAY ? DAY : []));
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', () => r()));
    const address = source.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    full = await createFullApp({ DAILY_PAPERS_BASE_URL: base });
  });

  afterAll(async () => {
    await full?.close();
    await new Promise<void>((r) => source.close(() => r()));
  });

  it('holds the expected papers in the expected order, with reasons', async () => {
    await http().post('/api/admin/ingest').set('Authorization', ADMIN).send({ source: 'daily-papers', date: TODAY }).expect(202);
    let run: { status: string; createdCount: number; skippedCount: number; skipped: Array<{ reason: string }> } | undefined;
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline && run?.status !== 'succeeded') {
      run = (await http().get(`/api/admin/ingest-runs?source=daily-papers&day=${TODAY}`).set('Authorization', ADMIN)).body[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run).toMatchObject({ status: 'succeeded', createdCount: 4, skippedCount: 1 });

    await http().post('/api/subscribe').send({ email: 'e2e@example.org', topics: ['reward-modeling'], keywords: ['GRPO'] }).expect(202);
    const [mail] = await full.mailTo('e2e@example.org');
    const confirm = await http().post(new URL(linkIn(mail, `${full.config.publicUrl}/confirm/`)).pathname).expect(200);
    const manage = /href="\/preferences\/([A-Za-z0-9_-]+)"/.exec(confirm.text)![1];

    const preview = await http().get(`/api/preferences/${manage}/preview`).expect(200);
    const ids = preview.body.papers.map((p: { arxivId: string }) => p.arxivId);
    // The papers on reward models or GRPO; the diffusion paper is not an interest. The process
    // reward model paper leads on relevance; popular GRPO comes next; ensembles (5 upvotes) last.
    expect(ids).toEqual(['2511.20001', '2511.20002', '2511.20003']);
    const scores = preview.body.papers.map((p: { score: number }) => p.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const byId = Object.fromEntries(preview.body.papers.map((p: { arxivId: string; reasons: string[] }) => [p.arxivId, p.reasons.join(' | ')]));
    expect(byId['2511.20001']).toMatch(/reward model.*Reward modeling/i);
    expect(byId['2511.20002']).toMatch(/GRPO/);
  }, 30000);
});
