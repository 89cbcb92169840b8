import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createFullApp, type FullApp } from './support/full-app.js';

const ADMIN = 'Bearer test-admin-token-0123456789';
// The sample's newest featured day is today.
const TODAY = new Date().toISOString().slice(0, 10);

describe('admin ingest through the queue (API + worker, real Postgres and Redis)', () => {
  let full: FullApp;
  const http = () => request(full.app.getHttpServer());

  beforeAll(async () => {
    full = await createFullApp();
  });
  afterAll(async () => full?.close());

  it('queues one job per (source, day) however often it is asked, and records the run', async () => {
    const first = await http().post('/api/admin/ingest').set('Authorization', ADMIN).send({ source: 'sample', date: TODAY }).expect(202);
    const second = await http().post('/api/admin/ingest').set('Authorization', ADMIN).send({ source: 'sample', date: TODAY }).expect(202);
    expect(second.body.jobId).toBe(first.body.jobId);

    let runs: Array<{ status: string; createdCount: number; fetched: number }> = [];
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
      runs = (await http().get(`/api/admin/ingest-runs?source=sample&day=${TODAY}`).set('Authorization', ADMIN).expect(200)).body;
      if (runs.some((r) => r.status === 'succeeded')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded' });
    expect(runs[0].createdCount).toBe(runs[0].fetched);

    const papers = await http().get(`/api/papers?date=${TODAY}`).expect(200);
    expect(papers.body.papers).toHaveLength(runs[0].createdCount);
  });

  it.each([
    [{ source: 'somewhere', date: TODAY }, 'source'],
    [{ source: 'sample', date: '20 Nov' }, 'date'],
    [{ source: 'sample' }, 'date'],
    [{ source: 'sample', date: TODAY, extra: 1 }, 'extra'],
  ])('refuses %j naming the field', async (body, field) => {
    const res = await http().post('/api/admin/ingest').set('Authorization', ADMIN).send(body).expect(400);
    expect(res.body.fields).toHaveProperty(field);
  });

  it('needs the admin token', async () => {
    await http().post('/api/admin/ingest').send({ source: 'sample', date: TODAY }).expect(401);
  });
});
