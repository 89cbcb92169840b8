import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { SubscriberLinks } from '@app/subscribers';
import { AfterResponse } from '@app/subscribers';
import { createFullApp, linkIn, type FullApp } from './support/full-app.js';

// Manage, unsubscribe, feedback and view links carry the subscriber's link
// generation; signing out (or subscribing again after an unsubscribe) raises it.
describe('signing links out (real Postgres, Redis, SMTP)', () => {
  let full: FullApp;
  let db: pg.Client;
  let links: SubscriberLinks;
  const base = 'http://paperboy.test';
  const http = () => request(full.app.getHttpServer());
  const path = (url: string) => url.replace(base, '');

  async function confirmedSubscriber(email: string) {
    await http().post('/api/subscribe').send({ email, topics: ['reward-modeling'] }).expect(202);
    const [mail] = await full.mailTo(email);
    const page = await http().post(path(linkIn(mail, `${base}/confirm/`))).expect(200);
    const manageToken = /href="\/preferences\/([A-Za-z0-9_-]+)"/.exec(page.text)![1];
    const { rows } = await db.query('SELECT id, link_generation FROM subscribers WHERE email_normalized = $1', [email]);
    return { manageToken, id: rows[0].id as string, generation: rows[0].link_generation as number };
  }

  /** Every kind of link a subscriber holds, issued now. */
  async function linksOf(id: string, generation: number) {
    await db.query(`INSERT INTO papers (arxiv_id, title, source) VALUES ('2511.00042', 'A paper', 'test') ON CONFLICT DO NOTHING`);
    // The edition of 20 November was sent with the paper: its delivery (for the view page) and the reader's history (for votes).
    await db.query(`INSERT INTO deliveries (subscriber_id, edition_date, state, paper_ids) VALUES ($1, '2026-11-20', 'sent', '["2511.00042"]') ON CONFLICT DO NOTHING`, [id]);
    await db.query(`INSERT INTO reader_history (subscriber_id, editions) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, JSON.stringify({ '2026-11-20': { sent: true, papers: ['2511.00042'] } })]);
    return {
      manage: path(links.manage(id, generation)),
      unsubscribe: path(links.unsubscribe(id, generation)),
      feedback: path(links.feedback(id, '2511.00042', 'up', generation)),
      sharedFeedback: `${path(links.feedbackBase(id, generation))}/2511.00042/up`,
      view: path(links.viewInBrowser(id, '2026-11-20', generation)),
    };
  }

  /** The status each link answers a GET with. */
  async function answers(held: Record<string, string>) {
    const out: Record<string, number> = {};
    for (const [name, link] of Object.entries(held)) out[name] = (await http().get(link)).status;
    return out;
  }

  beforeAll(async () => {
    full = await createFullApp();
    links = new SubscriberLinks(base, full.config.tokenSecret);
    db = new pg.Client({ connectionString: full.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await full?.close();
  });

  it('"sign out every link" (a page, then a POST) signs every earlier link out and mails a fresh manage link', async () => {
    const email = 'signout@example.org';
    const { manageToken, id, generation } = await confirmedSubscriber(email);
    const held = await linksOf(id, generation);
    expect(await answers(held)).toEqual({ manage: 200, unsubscribe: 200, feedback: 200, sharedFeedback: 200, view: 200 });

    const prefs = await http().get(`/preferences/${manageToken}`).expect(200);
    expect(prefs.text).toContain(`href="/preferences/${manageToken}/sign-out"`);
    const confirmPage = await http().get(`/preferences/${manageToken}/sign-out`).expect(200);
    expect(confirmPage.text).toContain('<form');
    expect(confirmPage.text).toContain('Sign out every link');
    // The GET changed nothing.
    await http().get(`/api/preferences/${manageToken}`).expect(200);

    const done = await http().post(`/preferences/${manageToken}/sign-out`).expect(200);
    expect(done.text).toContain('A fresh link to your preferences is on its way to signout@example.org');
    expect(done.text).not.toMatch(/href="\/preferences\//);

    expect(await answers({ ...held, confirmedManage: `/preferences/${manageToken}`, api: `/api/preferences/${manageToken}` })).toEqual({
      manage: 404,
      unsubscribe: 404,
      feedback: 404,
      sharedFeedback: 404,
      view: 404,
      confirmedManage: 404,
      api: 404,
    });
    // A signed-out link cannot act either.
    await http().post(held.unsubscribe).expect(404);
    await http().post(held.feedback).expect(404);
    await http().post(`/preferences/${manageToken}/sign-out`).expect(404);
    expect((await db.query('SELECT status, link_generation FROM subscribers WHERE id = $1', [id])).rows[0]).toEqual({ status: 'active', link_generation: generation + 1 });

    const [mail] = await full.mailTo(email, 2);
    expect(mail.subject).toBe('Your new Paperboy preferences link');
    const fresh = path(linkIn(mail, `${base}/preferences/`));
    await http().get(`/api${fresh}`).expect(200);
    expect(await answers(await linksOf(id, generation + 1))).toEqual({ manage: 200, unsubscribe: 200, feedback: 200, sharedFeedback: 200, view: 200 });
  });

  it('starts a new link generation when an address subscribes again after unsubscribing', async () => {
    const email = 'comeback@example.org';
    const { manageToken, id, generation } = await confirmedSubscriber(email);
    const held = await linksOf(id, generation);
    await http().post(held.unsubscribe).expect(200);
    // Unsubscribed: the old manage link still shows (and exports, erases) what is kept.
    await http().get(`/api/preferences/${manageToken}`).expect(200);

    await db.query('UPDATE subscribers SET confirmation_sent_at = NULL WHERE id = $1', [id]);
    await http().post('/api/subscribe').send({ email }).expect(202);
    const [mail] = await full.mailTo(email, 2);
    const page = await http().post(path(linkIn(mail, `${base}/confirm/`))).expect(200);
    const newManage = /href="\/preferences\/([A-Za-z0-9_-]+)"/.exec(page.text)![1];

    expect(await answers({ ...held, oldManage: `/api/preferences/${manageToken}`, newManage: `/api/preferences/${newManage}` })).toEqual({
      manage: 404,
      unsubscribe: 404,
      feedback: 404,
      sharedFeedback: 404,
      view: 404,
      oldManage: 404,
      newManage: 200,
    });
  });

  it('kills every link when the subscriber is erased, and they stay dead if the address subscribes again', async () => {
    const email = 'erased@example.org';
    const { manageToken, id, generation } = await confirmedSubscriber(email);
    const held = await linksOf(id, generation);
    await http().delete(`/api/preferences/${manageToken}`).expect(200);
    await http().post('/api/subscribe').send({ email }).expect(202);
    await full.app.get(AfterResponse).idle();
    const { manage, feedback, sharedFeedback, view } = held;
    expect(await answers({ manage, feedback, sharedFeedback, view })).toEqual({ manage: 404, feedback: 404, sharedFeedback: 404, view: 404 });
  });
});
