import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { createDigestApp, digestsDrained, waitUntil, type DigestApp } from './support/digest-app.js';
import type { FullApp } from './support/full-app.js';

const ADMIN = 'Bearer test-admin-token-0123456789';

/**
 * A relay that refuses before any recipient is named — a wrong SMTP password (535 to AUTH), a
 * sender it will not relay for (550 to MAIL FROM) — says nothing about the readers' addresses:
 * the edition ends `failed` after its retries, and nobody is suppressed.
 */
describe.each([
  ['a wrong SMTP password (535 to AUTH)', { auth: true, mailFrom: false }],
  ['a relay that refuses the sender (550 to MAIL FROM)', { auth: false, mailFrom: true }],
])('digests through %s', (_name, refuse) => {
  let relay: SMTPServer;
  let app: DigestApp;
  let full: FullApp;
  let db: pg.Client;

  beforeAll(async () => {
    relay = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: !refuse.auth,
      logger: false,
      onAuth: (_auth, _session, callback) => callback(new Error('5.7.8 Authentication credentials invalid')),
      onMailFrom: (_address, _session, callback) => {
        if (!refuse.mailFrom) return callback();
        return callback(Object.assign(new Error('5.7.1 Relaying denied'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.server.address() as { port: number }).port;
    app = await createDigestApp({ SMTP_URL: `smtp://paperboy:wrong-password@127.0.0.1:${port}`, SKIP_EMPTY_DIGESTS: 'false', DIGEST_MAX_ATTEMPTS: '2' });
    ({ full, db } = app);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });

  it('fails the edition after its retries and suppresses nobody', async () => {
    const emails = ['one@example.org', 'two@example.org', 'three@example.org'];
    await request(full.app.getHttpServer())
      .post('/api/admin/subscribers/import')
      .set('Authorization', ADMIN)
      .send({ consent: true, subscribers: emails.map((email) => ({ email })) })
      .expect(200);
    await request(full.app.getHttpServer()).post('/api/admin/digests/run').set('Authorization', ADMIN).send({ date: '2031-05-01' }).expect(202);
    await waitUntil(() => digestsDrained(full, db), 20_000, async () => JSON.stringify((await db.query(`SELECT state, attempts, last_error FROM deliveries`)).rows));

    const { rows } = await db.query(`SELECT s.email_normalized AS email, s.status, d.state, d.attempts FROM subscribers s JOIN deliveries d ON d.subscriber_id = s.id ORDER BY 1`);
    expect(rows).toEqual([...emails].sort().map((email) => ({ email, status: 'active', state: 'failed', attempts: 2 })));
    expect((await db.query(`SELECT count(*)::int AS n FROM suppressions`)).rows[0].n).toBe(0);
  }, 30_000);
});
