import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createFullApp, type FullApp } from './support/full-app.js';
import { startSmtpWireRecorder, type SmtpWireRecorder } from './support/smtp-wire-recorder.js';

// An address with an internationalized domain is stored with the domain in
// punycode (A-labels); the envelope must carry exactly that, since a relay
// without SMTPUTF8 refuses a UTF-8 domain.
describe('internationalized domains on the wire', () => {
  let full: FullApp;
  let wire: SmtpWireRecorder;
  let db: pg.Client;

  beforeAll(async () => {
    wire = await startSmtpWireRecorder();
    full = await createFullApp({ SMTP_URL: wire.url });
    db = new pg.Client({ connectionString: full.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await full?.close();
    await wire?.stop();
  });

  it('sends the confirmation email to the stored address, domain in punycode, in RCPT TO', async () => {
    await request(full.app.getHttpServer()).post('/api/subscribe').send({ email: 'Ada@Müller.example' }).expect(202);
    const deadline = Date.now() + 10000;
    while (!wire.commands().some((c) => c.startsWith('RCPT TO')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const { rows } = await db.query(`SELECT email FROM subscribers`);
    expect(rows).toEqual([{ email: 'Ada@xn--mller-kva.example' }]);
    expect(wire.commands().filter((c) => c.startsWith('RCPT TO'))).toEqual(['RCPT TO:<Ada@xn--mller-kva.example>']);
  });
});
