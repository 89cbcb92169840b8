import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { AfterResponse } from '@app/subscribers';
import { createFullApp, linkIn, type FullApp } from './support/full-app.js';

const SPAM = 'visit http://spam.example call +1 555 0100';
const ACCEPTED = { status: 'accepted', message: 'If this address can receive Paperboy, a confirmation email is on its way.' };

describe('subscribing, confirming, managing and unsubscribing (real Postgres, Redis, SMTP)', () => {
  let full: FullApp;
  let db: pg.Client;
  const http = () => request(full.app.getHttpServer());
  const base = 'http://paperboy.test';
  const path = (url: string) => url.replace(base, '');

  const subscribe = (body: unknown) => http().post('/api/subscribe').send(body as object);
  const status = async (email: string) =>
    (await db.query('SELECT status FROM subscribers WHERE email_normalized = $1', [email.toLowerCase()])).rows[0]?.status;
  /** The subscribe answer comes before the request is recorded: wait for it to land. */
  const eventuallyStatus = async (email: string, expected: string) => {
    const deadline = Date.now() + 5000;
    let current = await status(email);
    while (current !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      current = await status(email);
    }
    return current;
  };

  async function confirmedSubscriber(email: string, topics = ['reward-modeling']) {
    await subscribe({ email, topics }).expect(202);
    const [mail] = await full.mailTo(email);
    const confirmPath = path(linkIn(mail, `${base}/confirm/`));
    const page = await http().post(confirmPath).expect(200);
    const manageToken = /href="\/preferences\/([A-Za-z0-9_-]+)"/.exec(page.text)![1];
    return { manageToken, confirmPath };
  }

  beforeAll(async () => {
    full = await createFullApp();
    db = new pg.Client({ connectionString: full.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await full?.close();
  });

  it('lists the topic catalog', async () => {
    const res = await http().get('/api/topics').expect(200);
    expect(res.body.length).toBeGreaterThanOrEqual(18);
    expect(res.body[0]).toEqual({ slug: expect.any(String), name: expect.any(String), description: expect.any(String) });
  });

  it('sends exactly one confirmation email (HTML and text) and nothing else until confirmed', async () => {
    const email = 'ada@example.org';
    const res = await subscribe({ email: 'Ada@Example.org', topics: ['reward-modeling', 'rlhf'], keywords: ['process reward'], timezone: 'Europe/Paris' }).expect(202);
    expect(res.body).toEqual(ACCEPTED);
    const [mail] = await full.mailTo(email);
    expect(mail.subject).toBe('Confirm your Paperboy subscription');
    expect(mail.html).toContain('Confirm my subscription');
    expect(mail.text).toContain(`${base}/confirm/`);
    expect(mail.text).toContain('Reward modeling');
    expect(await status(email)).toBe('pending');

    // Re-submitting within the hour is accepted the same way, but mails nothing more: the database
    // says so, not only the queue's job-id de-duplication (cleared here to prove it).
    await full.app.get<Queue>(getQueueToken('mail')).clean(0, 1000, 'completed');
    await subscribe({ email }).expect(202, ACCEPTED);
    await subscribe({ email: 'ADA@example.org' }).expect(202, ACCEPTED);
    await new Promise((r) => setTimeout(r, 500));
    expect(await full.mailTo(email, 2, 300)).toHaveLength(1);
  });

  it('answers identically for new, pending, active, unsubscribed and suppressed addresses', async () => {
    const { manageToken } = await confirmedSubscriber('active@example.org');
    const prefs = await http().get(`/api/preferences/${manageToken}`).expect(200);
    await http().post(path(prefs.body.unsubscribeUrl)).expect(200);
    await subscribe({ email: 'pending@example.org' }).expect(202);
    await db.query(`INSERT INTO suppressions (email_normalized, reason) VALUES ('bounced@example.org', 'hard-bounce')`);
    await confirmedSubscriber('again@example.org');

    const answers = [];
    for (const email of ['brand-new@example.org', 'pending@example.org', 'again@example.org', 'active@example.org', 'bounced@example.org']) {
      const res = await subscribe({ email });
      answers.push({ status: res.status, body: res.body, type: res.headers['content-type'] });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await full.mailTo('bounced@example.org', 1, 300)).toHaveLength(0);
  });

  it('confirms only by POST: the GET page shows one button and changes nothing', async () => {
    await subscribe({ email: 'grace@example.org' }).expect(202);
    const [mail] = await full.mailTo('grace@example.org');
    const confirmPath = path(linkIn(mail, `${base}/confirm/`));
    const page = await http().get(confirmPath).expect(200);
    expect(page.text).toContain('<form');
    expect(page.text).toContain('Confirm my subscription');
    expect(await status('grace@example.org')).toBe('pending');

    const confirmed = await http().post(confirmPath).expect(200);
    expect(confirmed.text).toMatch(/href="\/preferences\/[A-Za-z0-9_-]+"/);
    expect(await status('grace@example.org')).toBe('active');
  });

  it('uses a confirmation link once: a second POST changes nothing and shows no manage link', async () => {
    const { confirmPath, manageToken } = await confirmedSubscriber('once@example.org', ['rlhf']);
    await http().put(`/api/preferences/${manageToken}`).send({ topics: ['safety'] }).expect(200);
    for (const again of [() => http().post(confirmPath), () => http().post(confirmPath).type('form').send({ review: '1', topics: 'rlhf' }), () => http().get(confirmPath)]) {
      const res = await again().expect(410);
      expect(res.text).toContain('This link was already used');
      expect(res.text).not.toMatch(/\/preferences\//);
    }
    expect((await http().get(`/api/preferences/${manageToken}`).expect(200)).body.topics).toEqual(['safety']);
  });

  it('refuses garbage confirm and unsubscribe links on GET with the 404 page', async () => {
    for (const page of ['/confirm/garbage', '/unsubscribe/garbage', `/confirm/${'A'.repeat(71)}`, `/unsubscribe/${'A'.repeat(66)}`]) {
      const res = await http().get(page).expect(404);
      expect(res.text).toContain('This link is not valid');
      expect(res.text).not.toContain('<button');
    }
  });

  it('reads and changes preferences with the manage token', async () => {
    const { manageToken } = await confirmedSubscriber('linus@example.org');
    const before = await http().get(`/api/preferences/${manageToken}`).expect(200);
    expect(before.body).toMatchObject({ email: 'linus@example.org', status: 'active', topics: ['reward-modeling'], frequency: 'daily', maxPapers: 10 });
    expect(before.body.manageUrl).toMatch(new RegExp(`^${base}/preferences/[A-Za-z0-9_-]{40,}$`));
    expect(before.body.unsubscribeUrl).toMatch(new RegExp(`^${base}/unsubscribe/[A-Za-z0-9_-]{40,}$`));
    expect(before.body.manageUrl).not.toContain('linus');

    const after = await http()
      .put(`/api/preferences/${manageToken}`)
      .send({ topics: ['llm-agents', 'code-generation'], keywords: ['SWE-bench', 'tool calling', 'swe-bench'], frequency: 'weekly', weeklyDay: 1, deliveryHour: 6, timezone: 'america/new_york', maxPapers: 25, minUpvotes: 5 })
      .expect(200);
    expect(after.body).toMatchObject({
      topics: ['code-generation', 'llm-agents'],
      keywords: ['SWE-bench', 'tool calling'].sort(),
      frequency: 'weekly',
      weeklyDay: 1,
      deliveryHour: 6,
      timezone: 'America/New_York',
      maxPapers: 25,
      minUpvotes: 5,
    });
    // Omitted fields stay as they are.
    const partial = await http().put(`/api/preferences/${manageToken}`).send({ maxPapers: 3 }).expect(200);
    expect(partial.body).toMatchObject({ maxPapers: 3, frequency: 'weekly', topics: ['code-generation', 'llm-agents'] });
  });

  it.each([
    ['email missing', {}, 'email'],
    ['email with CR/LF', { email: 'a@example.org\r\nBcc: b@example.org' }, 'email'],
    ['email not a string', { email: 42 }, 'email'],
    ['email without domain dot', { email: 'a@localhost' }, 'email'],
    ['unknown topic', { email: 'x@example.org', topics: ['astrology'] }, 'topics'],
    ['topics not a list', { email: 'x@example.org', topics: 'rlhf' }, 'topics'],
    ['keyword too long', { email: 'x@example.org', keywords: ['x'.repeat(61)] }, 'keywords'],
    ['bad time zone', { email: 'x@example.org', timezone: 'Mars/Olympus' }, 'timezone'],
    ['bad frequency', { email: 'x@example.org', frequency: 'hourly' }, 'frequency'],
    ['unknown field', { email: 'x@example.org', admin: true }, 'admin'],
  ])('POST /api/subscribe with %s → 400 naming the field', async (_label, body, field) => {
    const res = await subscribe(body).expect(400);
    expect(res.body.fields).toHaveProperty(field);
    expect(res.body.message).toContain(field);
  });

  it.each([
    ['maxPapers 0', { maxPapers: 0 }, 'maxPapers'],
    ['maxPapers 51', { maxPapers: 51 }, 'maxPapers'],
    ['maxPapers as text', { maxPapers: 'ten' }, 'maxPapers'],
    ['deliveryHour 24', { deliveryHour: 24 }, 'deliveryHour'],
    ['weeklyDay 7', { weeklyDay: 7 }, 'weeklyDay'],
    ['minUpvotes -1', { minUpvotes: -1 }, 'minUpvotes'],
    ['frequency', { frequency: 'monthly' }, 'frequency'],
    ['timezone', { timezone: 'Europe/Atlantis' }, 'timezone'],
    ['unknown topic', { topics: ['nope'] }, 'topics'],
  ])('PUT /api/preferences with bad %s → 400 naming the field, nothing saved', async (_label, body, field) => {
    const { manageToken } = await confirmedSubscriber(`bad-${field.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.org`);
    const before = (await http().get(`/api/preferences/${manageToken}`)).body;
    const res = await http().put(`/api/preferences/${manageToken}`).send(body).expect(400);
    expect(res.body.fields).toHaveProperty(field);
    const after = (await http().get(`/api/preferences/${manageToken}`)).body;
    expect({ ...after, manageUrl: '', unsubscribeUrl: '' }).toEqual({ ...before, manageUrl: '', unsubscribeUrl: '' });
  });

  it('answers malformed JSON with 400 and an oversized body with 413, never 500', async () => {
    await http().post('/api/subscribe').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    const huge = JSON.stringify({ email: 'a@example.org', keywords: ['x'.repeat(200_000)] });
    await http().post('/api/subscribe').set('Content-Type', 'application/json').send(huge).expect(413);
    await http().post('/api/subscribe').set('Content-Type', 'application/json').send('[1,2]').expect(400);
  });

  it('refuses tampered, wrong-purpose and unknown tokens with 404', async () => {
    const { manageToken } = await confirmedSubscriber('tamper@example.org');
    const flipped = manageToken.slice(0, 10) + (manageToken[10] === 'A' ? 'B' : 'A') + manageToken.slice(11);
    await http().get(`/api/preferences/${flipped}`).expect(404);
    await http().get('/api/preferences/not-a-token').expect(404);
    // A manage token is not an unsubscribe token.
    await http().post(`/unsubscribe/${manageToken}`).expect(404);
    expect(await status('tamper@example.org')).toBe('active');
  });

  it('unsubscribes in one click (RFC 8058): GET shows a button, POST unsubscribes, idempotently', async () => {
    const { manageToken } = await confirmedSubscriber('oneclick@example.org');
    const { unsubscribeUrl } = (await http().get(`/api/preferences/${manageToken}`)).body;
    const page = await http().get(path(unsubscribeUrl)).expect(200);
    expect(page.text).toContain('<button');
    expect(await status('oneclick@example.org')).toBe('active');

    const res = await http().post(path(unsubscribeUrl)).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await status('oneclick@example.org')).toBe('unsubscribed');
    await http().post(path(unsubscribeUrl)).field('List-Unsubscribe', 'One-Click').expect(200); // multipart, again
    expect(await status('oneclick@example.org')).toBe('unsubscribed');
  });

  it('exports everything kept and erases the subscriber on request', async () => {
    const { manageToken } = await confirmedSubscriber('erase@example.org');
    const exported = await http().get(`/api/preferences/${manageToken}/export`).expect(200);
    expect(exported.body.subscriber).toMatchObject({ email: 'erase@example.org', status: 'active', topics: ['reward-modeling'] });
    await http().delete(`/api/preferences/${manageToken}`).expect(200, { status: 'erased' });
    expect(await status('erase@example.org')).toBeUndefined();
    await http().get(`/api/preferences/${manageToken}`).expect(404);
  });

  it('serves the subscribe form with the catalog and re-shows typed values with errors next to fields', async () => {
    const home = await http().get('/').expect(200);
    expect(home.headers['content-security-policy']).toContain("default-src 'none'");
    expect(home.text).toContain('name="topics" value="reward-modeling"');
    const bad = await http().post('/subscribe').type('form').send({ email: 'not-an-address', keywords: '<script>alert(1)</script>', topics: 'rlhf' }).expect(400);
    expect(bad.text).toContain('id="email-error"');
    expect(bad.text).toContain('value="not-an-address"');
    expect(bad.text).not.toContain('<script>alert(1)</script>');
    expect(bad.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const ok = await http().post('/subscribe').type('form').send({ email: 'form@example.org', topics: ['rlhf', 'safety'], keywords: 'GRPO, reward hacking', timezone: 'Asia/Tokyo' }).expect(303);
    expect(ok.headers.location).toBe('/check-inbox');
    expect(await eventuallyStatus('form@example.org', 'pending')).toBe('pending');
  });
  describe('a pending subscription cannot be rewritten by a stranger', () => {
    /** What the subscriber row says, once every answered request has been recorded. */
    const settled = async (email: string) => {
      await full.app.get(AfterResponse).idle();
      const { rows } = await db.query(
        `SELECT s.status, s.timezone, s.frequency,
                COALESCE((SELECT json_agg(t.slug ORDER BY t.slug) FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id WHERE st.subscriber_id = s.id), '[]') AS topics,
                COALESCE((SELECT json_agg(k.keyword ORDER BY k.keyword) FROM subscriber_keywords k WHERE k.subscriber_id = s.id), '[]') AS keywords
           FROM subscribers s WHERE s.email_normalized = $1`,
        [email],
      );
      return rows[0];
    };
    const owner = { topics: ['reward-modeling'], keywords: ['process reward'] };
    const stranger = { topics: ['safety'], keywords: [SPAM], timezone: 'Pacific/Kiritimati', frequency: 'weekly' };

    it('within the hour, a second request changes nothing: the link mailed activates what it was sent for', async () => {
      const email = 'victim1@example.org';
      await subscribe({ email, ...owner }).expect(202);
      const [mail] = await full.mailTo(email);
      await subscribe({ email, ...stranger }).expect(202, ACCEPTED);
      expect(await settled(email)).toMatchObject({ status: 'pending', topics: [], keywords: [] });
      await http().post(path(linkIn(mail, `${base}/confirm/`))).expect(200);
      expect(await settled(email)).toEqual({ status: 'active', timezone: 'UTC', frequency: 'daily', topics: ['reward-modeling'], keywords: ['process reward'] });
      expect(await full.mailTo(email, 2, 300)).toHaveLength(1);
    });

    it('after the hour, a new request gets its own link; the older link stops working, and the new page shows the choices for review', async () => {
      const email = 'victim2@example.org';
      await subscribe({ email, ...owner }).expect(202);
      const [first] = await full.mailTo(email);
      await settled(email);
      await db.query(`UPDATE subscribers SET confirmation_sent_at = now() - interval '2 hours' WHERE email_normalized = $1`, [email]);
      await subscribe({ email, ...stranger }).expect(202, ACCEPTED);
      const [second, older] = await full.mailTo(email, 2); // newest first
      expect(older.text).toBe(first.text);

      const replaced = await http().post(path(linkIn(first, `${base}/confirm/`))).expect(410);
      expect(replaced.text).toContain('already used');
      expect(await status(email)).toBe('pending');

      const review = await http().get(path(linkIn(second, `${base}/confirm/`))).expect(200);
      expect(review.text).toContain('name="topics" checked="" value="safety"');
      expect(review.text).toContain('visit http://spam.example call +1 555 0100</textarea>');
      expect(review.text).toContain('name="review"');
      // The owner changes what a stranger chose before confirming.
      await http()
        .post(path(linkIn(second, `${base}/confirm/`)))
        .type('form')
        .send({ review: '1', topics: ['reward-modeling', 'rlhf'], keywords: 'process reward, GRPO', timezone: 'Europe/Paris', frequency: 'daily' })
        .expect(200);
      expect(await settled(email)).toEqual({ status: 'active', timezone: 'Europe/Paris', frequency: 'daily', topics: ['reward-modeling', 'rlhf'], keywords: ['GRPO', 'process reward'] });
    });

    it('re-shows the review form with the reason when a changed choice is invalid, confirming nothing', async () => {
      const email = 'review-error@example.org';
      await subscribe({ email, ...owner }).expect(202);
      const [mail] = await full.mailTo(email);
      const confirmPath = path(linkIn(mail, `${base}/confirm/`));
      const badZone = await http().post(confirmPath).type('form').send({ review: '1', topics: 'rlhf', keywords: 'ok', timezone: 'Mars/Base' }).expect(400);
      expect(badZone.text).toContain('id="timezone-error"');
      expect(badZone.text).toContain('value="Mars/Base"');
      const badTopic = await http().post(confirmPath).type('form').send({ review: '1', topics: 'astrology' }).expect(400);
      expect(badTopic.text).toContain('id="topics-error"');
      expect(await status(email)).toBe('pending');
      await http().post(confirmPath).expect(200);
    });

    it('names topics and counts keywords in the confirmation email, never quoting what was typed', async () => {
      const email = 'spam-target@example.org';
      await subscribe({ email, topics: ['reward-modeling', 'rlhf'], keywords: [SPAM, 'reach me at evil.example', 'GRPO'] }).expect(202);
      const [mail] = await full.mailTo(email);
      for (const part of [mail.html, mail.text]) {
        expect(part).toContain('Reward modeling');
        expect(part).toContain('3 keywords of your own');
        for (const leaked of ['spam.example', '555 0100', 'evil.example', 'GRPO']) expect(part).not.toContain(leaked);
      }
    });
  });

  it.each([
    ['frequency "paused" (a preference, not a subscription choice)', { email: 'x@example.org', frequency: 'paused' }, 'frequency'],
    ['a keyword of zero-width spaces', { email: 'x@example.org', keywords: ['\u200b\u200b\u200b'] }, 'keywords'],
    ['a keyword of format characters only', { email: 'x@example.org', keywords: ['\u2060\ufeff\u202e\u00ad'] }, 'keywords'],
    ['a repeated email', { email: ['x@example.org', 'x@example.org'] }, 'email'],
  ])('POST /api/subscribe refuses %s with a 400 naming the field', async (_label, body, field) => {
    const res = await subscribe(body).expect(400);
    expect(Object.keys(res.body.fields)).toEqual([field]);
  });

  it('refuses a repeated field in the HTML form (email=x&email=x) with a 400 naming it', async () => {
    const res = await http().post('/subscribe').type('form').send('email=twice%40example.org&email=twice%40example.org').expect(400);
    expect(res.text).toContain('id="email-error"');
    expect(res.text).toContain('must be given once');
    await full.app.get(AfterResponse).idle();
    expect(await status('twice@example.org')).toBeUndefined();
  });

  it('reads numbers in the preferences form as decimal digits only', async () => {
    const { manageToken } = await confirmedSubscriber('digits@example.org');
    for (const maxPapers of ['0x10', '1e1', '1.0', '+5', 'Infinity']) {
      const res = await http().post(`/preferences/${manageToken}`).type('form').send({ maxPapers, deliveryHour: '7' }).expect(400);
      expect(res.text).toContain('id="maxPapers-error"');
    }
    expect((await http().get(`/api/preferences/${manageToken}`)).body.maxPapers).toBe(10);
    await http().post(`/preferences/${manageToken}`).type('form').send({ maxPapers: '16', topics: 'rlhf' }).expect(200);
    expect((await http().get(`/api/preferences/${manageToken}`)).body.maxPapers).toBe(16);
  });
});
