import { getQueueToken } from '@nestjs/bullmq';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import pg from 'pg';
import request from 'supertest';
import { EditionPlanner, MessageIds } from '@app/delivery';
import { DigestShards } from '@app/queue';
import { DigestBatchWorkers } from '../apps/worker/src/digest/digest-batch.workers.js';
import { createFullApp, type FullApp } from './support/full-app.js';

const TODAY = new Date().toISOString().slice(0, 10);
const ADMIN = 'Bearer test-admin-token-0123456789';

// The SMTP sink on loopback answers like real servers: some addresses are greylisted (451), some unknown (550).
const greylist = new Map<string, number>();

describe('daily digests: exactly once over real SMTP, Postgres and Redis', () => {
  let full: FullApp;
  let db: pg.Client;
  const http = () => request(full.app.getHttpServer());

  const importSubscribers = async (rows: Array<Record<string, unknown>>) =>
    http().post('/api/admin/subscribers/import').set('Authorization', ADMIN).send({ consent: true, subscribers: rows }).expect(200);
  const idOf = async (email: string) => (await db.query('SELECT id FROM subscribers WHERE email_normalized = $1', [email])).rows[0].id as string;
  const states = async (date: string) => (await http().get(`/api/admin/digests/${date}`).set('Authorization', ADMIN).expect(200)).body;
  const waitFor = async (check: () => Promise<boolean>, timeoutMs = 15000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    const queue = full.app.get<Queue>(getQueueToken('digest'));
    const failed = await queue.getFailed();
    const counts = await queue.getJobCounts();
    const rows = (await db.query('SELECT d.edition_date::text, d.state, d.attempts, d.last_error FROM deliveries d')).rows;
    throw new Error(`timed out; deliveries ${JSON.stringify(rows)}; queue ${JSON.stringify(counts)}; failed: ${failed.map((j) => `${j.name} ${j.failedReason}`).join(' | ')}`);
  };
  const mailCount = (to: string) => full.smtp.messages().filter((m) => m.envelopeTo.includes(to)).length;
  /** Nothing left to do: no job waiting, running or delayed on the planning queue or any shard, no delivery unfinished. */
  const drained = async () => {
    const planning = await full.app.get<Queue>(getQueueToken('digest')).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const batches = await full.app.get(DigestShards).jobCounts();
    const busy = [...Object.values(planning), batches.waiting, batches.active, batches.delayed, batches.prioritized].some((n) => n > 0);
    const open = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE state IN ('queued', 'claimed')`)).rows[0].n;
    return !busy && open === 0;
  };

  beforeAll(async () => {
    full = await createFullApp({}, {
      smtp: {
        rejectRecipient: (address) => {
          if (address.startsWith('unknown-')) return { code: 550, message: '5.1.1 No such user here' };
          const left = greylist.get(address) ?? 0;
          if (left > 0) {
            greylist.set(address, left - 1);
            return { code: 451, message: '4.7.1 Greylisted' };
          }
          return null;
        },
      },
    });
    db = new pg.Client({ connectionString: full.database.url });
    await db.connect();
    const papers = [
      ['2511.30001', 'Process Reward Models <script>alert(1)</script> & Friends', 'A process reward model scores every reasoning step. "Quoted" & <b>bold</b>.', 30],
      ['2511.30002', 'GRPO Without Tears', 'Group relative policy optimization (GRPO) made stable.', 12],
      ['2511.30003', 'Reward Hacking in the Wild', 'We catalogue reward hacking in deployed RLHF systems.', 7],
    ];
    for (const [id, title, abstract, upvotes] of papers) {
      await db.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes, authors, links) VALUES ($1, $2, $3, 'test', $4, $5, '["Ada Lovelace","Grace Hopper","Alan Turing","Edsger Dijkstra"]', $6)`, [
        id, title, abstract, TODAY, upvotes, JSON.stringify({ arxiv: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}`, code: 'javascript:alert(1)' }),
      ]);
    }
  }, 30000);

  afterAll(async () => {
    await db?.end();
    await full?.close();
  });

  it('sends one digest per subscriber with the compliance headers, and a rerun sends nothing more', async () => {
    await importSubscribers([
      { email: 'ada@example.org', topics: ['reward-modeling'], keywords: ['GRPO'] },
      { email: 'grace@example.org', topics: ['reward-hacking'] },
      { email: 'nothing-new@example.org', topics: ['robotics'] },
    ]);
    await http().post('/api/admin/digests/run').set('Authorization', ADMIN).send({ date: TODAY }).expect(202);
    await waitFor(async () => (await states(TODAY)).finished === 3);
    const status = await states(TODAY);
    expect(status.counts).toMatchObject({ sent: 2, skipped: 1, claimed: 0, failed: 0, unknown: 0 });

    const [mail] = full.smtp.messages().filter((m) => m.envelopeTo.includes('ada@example.org'));
    const adaId = await idOf('ada@example.org');
    // Stable per (reader, edition), and opaque: it does not carry the reader's id.
    expect(mail.messageId).toBe(`<${new MessageIds(full.config.tokenSecret, 'paperboy.test').digest(adaId, TODAY)}>`);
    expect(mail.messageId).not.toContain(adaId);
    // Only the one-click https target: no mailto until an inbound handler exists to act on it.
    expect(mail.headers['list-unsubscribe']).toMatch(/^<http:\/\/paperboy\.test\/unsubscribe\/[A-Za-z0-9_-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['list-id']).toContain('digest.paperboy.test');
    expect(mail.headers.date).toBeDefined();
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('javascript:');
    expect(Buffer.byteLength(mail.html ?? '')).toBeLessThan(100 * 1024);
    expect(mail.text).toContain('GRPO Without Tears');
    expect(mail.text).toContain('/feedback/');
    expect(mail.text).toContain('/preferences/');

    // "View in browser" shows the same edition.
    const viewPath = new URL(/http:\/\/paperboy\.test\/digests\/[A-Za-z0-9_-]+\/\d{4}-\d{2}-\d{2}/.exec(mail.text)![0]).pathname;
    const view = await http().get(viewPath).expect(200);
    expect(view.text).toContain('GRPO Without Tears');
    expect(view.text).not.toContain('<script>alert(1)</script>');
    await http().get(viewPath.replace(TODAY, '2001-01-01')).expect(404);

    await http().post('/api/admin/digests/run').set('Authorization', ADMIN).send({ date: TODAY }).expect(202);
    await waitFor(drained);
    expect(mailCount('ada@example.org')).toBe(1);
    expect(mailCount('grace@example.org')).toBe(1);
    expect(mailCount('nothing-new@example.org')).toBe(0);
  }, 30000);

  it('does not send to someone who unsubscribed after the digest was queued', async () => {
    await importSubscribers([{ email: 'leaver@example.org', topics: ['reward-modeling'] }]);
    const id = await idOf('leaver@example.org');
    const workers = full.app.get(DigestBatchWorkers);
    await workers.pause();
    try {
      expect(await full.app.get(EditionPlanner).enqueueEdition(TODAY, id)).toBe(1);
      expect((await db.query(`SELECT state FROM deliveries WHERE subscriber_id = $1`, [id])).rows[0].state).toBe('queued');
      await db.query(`UPDATE subscribers SET status = 'unsubscribed' WHERE id = $1`, [id]);
    } finally {
      workers.resume();
    }
    await waitFor(async () => (await db.query(`SELECT state FROM deliveries WHERE subscriber_id = $1`, [id])).rows[0]?.state === 'skipped');
    expect(mailCount('leaver@example.org')).toBe(0);
  });

  it('delivers once after two 451 answers, and suppresses a 550 without retrying', async () => {
    greylist.set('greylisted@example.org', 2);
    await importSubscribers([
      { email: 'greylisted@example.org', topics: ['reward-modeling'] },
      { email: 'unknown-user@example.org', topics: ['reward-modeling'] },
    ]);
    const date = '2031-01-01';
    await http().post('/api/admin/digests/run').set('Authorization', ADMIN).send({ date, subscriberId: await idOf('greylisted@example.org') }).expect(202);
    await http().post('/api/admin/digests/run').set('Authorization', ADMIN).send({ date, subscriberId: await idOf('unknown-user@example.org') }).expect(202);
    await waitFor(async () => (await states(date)).finished === 2);
    const outcome = (await db.query(`SELECT s.email_normalized AS email, d.state, d.attempts, d.last_error FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.edition_date = $1 ORDER BY 1`, [date])).rows;
    expect({ counts: (await states(date)).counts, outcome }).toMatchObject({ counts: { sent: 1, suppressed: 1 } });
    expect(mailCount('greylisted@example.org')).toBe(1);
    const { rows } = await db.query(`SELECT d.attempts, s.status FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email_normalized = 'unknown-user@example.org'`);
    expect(rows[0]).toEqual({ attempts: 1, status: 'suppressed' });
    const greylisted = await db.query(`SELECT attempts FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email_normalized = 'greylisted@example.org'`);
    expect(greylisted.rows[0].attempts).toBe(3);
  }, 30000);

  it('sends one digest each when two schedulers run at the same moment', async () => {
    await importSubscribers([
      { email: 'sched-a@example.org', topics: ['reward-modeling'], deliveryHour: 0, timezone: 'UTC' },
      { email: 'sched-b@example.org', topics: ['reward-hacking'], deliveryHour: 0, timezone: 'UTC' },
    ]);
    const before = full.smtp.messages().length;
    const enqueuer = full.app.get(EditionPlanner);
    // A day nobody has an edition for yet, at noon UTC: everyone active is due.
    const now = new Date('2031-06-01T12:00:00Z');
    const [a, b] = await Promise.all([enqueuer.enqueueDue(now), enqueuer.enqueueDue(now)]);
    const active = (await db.query(`SELECT count(*)::int AS n FROM subscribers WHERE status = 'active'`)).rows[0].n;
    // Each scheduler queues whoever has no delivery row yet when it looks; together they cover everyone, once.
    expect(a).toBeLessThanOrEqual(active);
    expect(b).toBeLessThanOrEqual(active);
    expect(Math.max(a, b)).toBeGreaterThan(0);
    await waitFor(drained);
    expect((await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE edition_date = '2031-06-01'`)).rows[0].n).toBe(active);
    expect(a + b).toBe(active);
    const sent = full.smtp.messages().slice(0, full.smtp.messages().length - before);
    const recipients = sent.flatMap((m) => m.envelopeTo);
    expect(recipients.length).toBeGreaterThan(0);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect((await full.app.get(DigestShards).jobCounts()).failed).toBe(0);
  }, 30000);
});
