import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createFullApp, type FullApp } from './support/full-app.js';

// The SMTP sink answers like a real server would: 451 (try later) a number of
// times for one address, 550 (no such user) for another.
describe('confirmation emails against an SMTP server that refuses', () => {
  let full: FullApp;
  let db: pg.Client;
  const temporaryFailures = new Map<string, number>([['greylisted@example.org', 1]]);

  beforeAll(async () => {
    full = await createFullApp({}, {
      smtp: {
        rejectRecipient: (address) => {
          if (address === 'nobody@example.org') return { code: 550, message: '5.1.1 No such user' };
          const left = temporaryFailures.get(address) ?? 0;
          if (left > 0) {
            temporaryFailures.set(address, left - 1);
            return { code: 451, message: '4.7.1 Greylisted, try again later' };
          }
          return null;
        },
      },
    });
    db = new pg.Client({ connectionString: full.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await full?.close();
  });

  it('retries a 451 with backoff and delivers once', async () => {
    await request(full.app.getHttpServer()).post('/api/subscribe').send({ email: 'greylisted@example.org' }).expect(202);
    const messages = await full.mailTo('greylisted@example.org', 1, 20000);
    expect(messages).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await full.mailTo('greylisted@example.org', 2, 200)).toHaveLength(1);
  }, 30000);

  it('suppresses an address the server refuses with 550, and never mails it again', async () => {
    await request(full.app.getHttpServer()).post('/api/subscribe').send({ email: 'nobody@example.org' }).expect(202);
    const deadline = Date.now() + 10000;
    let status: string | undefined;
    while (Date.now() < deadline && status !== 'suppressed') {
      status = (await db.query(`SELECT status FROM subscribers WHERE email_normalized = 'nobody@example.org'`)).rows[0]?.status;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('suppressed');
    const suppression = await db.query(`SELECT reason, detail FROM suppressions WHERE email_normalized = 'nobody@example.org'`);
    expect(suppression.rows[0]).toMatchObject({ reason: 'hard-bounce' });
    expect(suppression.rows[0].detail).toContain('No such user');
    // Subscribing again is answered the same way, and sends nothing.
    await db.query(`UPDATE subscribers SET confirmation_sent_at = NULL`);
    await request(full.app.getHttpServer()).post('/api/subscribe').send({ email: 'nobody@example.org' }).expect(202);
    await new Promise((r) => setTimeout(r, 500));
    expect(full.smtp.messages().filter((m) => m.envelopeTo.includes('nobody@example.org'))).toHaveLength(0);
  }, 30000);
});
