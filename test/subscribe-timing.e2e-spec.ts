import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createFullApp, type FullApp } from './support/full-app.js';

// A subscribe answer that waited for the address's database work took ~16 ms
// for a new address and ~9 ms for an active one: enough to tell them apart.
// The proof here is structural: with the subscribers table locked, so that
// any work on an address cannot even start, every kind of address is still
// answered at once; the work happens once the lock goes.
describe('the subscribe answer does not wait for work that depends on the address', () => {
  let full: FullApp;
  let db: pg.Client;
  let locker: pg.Client;
  const http = () => request(full.app.getHttpServer());

  beforeAll(async () => {
    full = await createFullApp();
    db = new pg.Client({ connectionString: full.database.url });
    locker = new pg.Client({ connectionString: full.database.url });
    await Promise.all([db.connect(), locker.connect()]);
    await db.query(`INSERT INTO subscribers (email, email_normalized, status, confirmed_at) VALUES ('active@example.org', 'active@example.org', 'active', now())`);
    await db.query(`INSERT INTO subscribers (email, email_normalized, status, confirmation_sent_at) VALUES ('pending@example.org', 'pending@example.org', 'pending', now())`);
    await db.query(`INSERT INTO suppressions (email_normalized, reason) VALUES ('bounced@example.org', 'hard-bounce')`);
  });

  afterAll(async () => {
    await locker?.end();
    await db?.end();
    await full?.close();
  });

  it('answers new, pending, active and suppressed addresses alike while their rows cannot even be read', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE subscribers, suppressions IN ACCESS EXCLUSIVE MODE');
    try {
      for (const email of ['new@example.org', 'pending@example.org', 'active@example.org', 'bounced@example.org']) {
        for (const route of ['/api/subscribe', '/subscribe']) {
          const send = route === '/api/subscribe' ? http().post(route).send({ email, topics: ['rlhf'] }) : http().post(route).type('form').send({ email, topics: 'rlhf' });
          // Any wait on the lock would run into the timeout: the lock is held until the end of this block.
          const res = await send.timeout({ deadline: 3000 });
          expect(res.status).toBe(route === '/api/subscribe' ? 202 : 303);
        }
      }
      expect(full.smtp.messages()).toHaveLength(0);
    } finally {
      await locker.query('ROLLBACK');
    }
    // Once the table is free, the work runs: the new address gets its confirmation (once), nobody else does.
    const [mail] = await full.mailTo('new@example.org');
    expect(mail.subject).toBe('Confirm your Paperboy subscription');
    await new Promise((r) => setTimeout(r, 500));
    expect(full.smtp.messages().map((m) => m.envelopeTo[0])).toEqual(['new@example.org']);
  });
});
