import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { IgnoredNotice, InboundEvent, InboundEventHandler } from './events.js';
import { InboundSmtpReceiver } from './smtp-receiver.js';
import { EXPECTED, expectOutcome } from './testing/expected-outcomes.js';
import { fixtureAddresses, fixtureEnvelope, fixtureSubscriber, loadFixture } from './testing/fixtures.js';
import { sendMail, SmtpDialog } from './testing/smtp-dialog.js';

/** Records what it is given; can be told to fail or hang for the next messages. */
class RecordingHandler implements InboundEventHandler {
  events: InboundEvent[] = [];
  notices: IgnoredNotice[] = [];
  failNext = 0;
  hangNext = 0;

  async handle(event: InboundEvent): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is down');
    }
    if (this.hangNext > 0) {
      this.hangNext--;
      await new Promise(() => {});
    }
    this.events.push(event);
  }

  ignored(notice: IgnoredNotice): void {
    this.notices.push(notice);
  }

  take(): { events: InboundEvent[]; notices: IgnoredNotice[] } {
    const taken = { events: this.events, notices: this.notices };
    this.events = [];
    this.notices = [];
    return taken;
  }
}

const MAX_BYTES = 256 * 1024;
const handler = new RecordingHandler();
const receiver = new InboundSmtpReceiver({ addresses: fixtureAddresses, handler, maxMessageBytes: MAX_BYTES, maxRecipients: 5, handlerTimeoutMs: 500, socketTimeoutMs: 5_000 });
let port = 0;
const returnPath = (n: number) => fixtureAddresses.returnPath({ kind: 'digest', subscriberId: fixtureSubscriber(n), editionDate: '2026-03-02' });

beforeAll(async () => {
  port = (await receiver.listen(0)).port;
});
afterAll(() => receiver.close());

/** A complete, valid transaction still succeeds: the receiver is alive and well. */
async function stillServes(): Promise<void> {
  const { data } = await sendMail(port, '', [returnPath(1)], loadFixture('postfix-user-unknown.eml'));
  expect(data?.code).toBe(250);
  const { events } = handler.take();
  expect(events).toEqual([expect.objectContaining({ type: 'bounce', severity: 'permanent' })]);
}

describe('InboundSmtpReceiver', () => {
  it.each(Object.entries(EXPECTED))('%s, sent over SMTP, reaches the handler as expected', async (name, expected) => {
    const raw = loadFixture(name);
    const { from, to } = fixtureEnvelope(raw);
    const { rcpt, data } = await sendMail(port, from, [to], raw);
    expect(rcpt[0]?.code).toBe(250);
    expect(data?.code).toBe(250);
    const { events, notices } = handler.take();
    expect(events.length + notices.length).toBe(1);
    expectOutcome(events[0] ? { event: events[0] } : { ignored: notices[0] }, expected);
  });

  it('refuses at RCPT TO, with 550, every address that is not its own', async () => {
    const valid = returnPath(1);
    const token = valid.slice('bounces+'.length, valid.indexOf('@'));
    const forged = `${token[0] === 'a' ? 'b' : 'a'}${token.slice(1)}`;
    const refused = [
      valid.replace('inbound.paperboy.example', 'paperboy.example'),
      valid.replace('inbound.paperboy.example', 'inbound.paperboy.example.attacker.test'),
      `bounces+${forged}@inbound.paperboy.example`,
      `unsubscribe+${token}@inbound.paperboy.example`,
      `bounces+${token.slice(0, 40)}@inbound.paperboy.example`,
      'bounces@inbound.paperboy.example',
      'admin@inbound.paperboy.example',
      'victim@gmail.example',
    ];
    const dialog = await SmtpDialog.open(port);
    try {
      expect((await dialog.reply())?.code).toBe(220);
      expect((await dialog.command('EHLO tester.example'))?.code).toBe(250);
      expect((await dialog.command('MAIL FROM:<>'))?.code).toBe(250);
      for (const address of refused) {
        const reply = await dialog.command(`RCPT TO:<${address}>`);
        expect([address, reply?.code]).toEqual([address, 550]);
        expect(reply?.text).toMatch(/^5\.1\.1 <.+>: no such recipient here$/);
      }
      // Its own addresses, in any case: MTAs may fold them.
      expect((await dialog.command(`RCPT TO:<${valid.toUpperCase()}>`))?.code).toBe(250);
      expect((await dialog.command('RCPT TO:<FBL@Inbound.Paperboy.Example>'))?.code).toBe(250);
    } finally {
      dialog.close();
    }
    expect(handler.take().events).toEqual([]);
  });

  it('refuses messages over the size limit with 552, announced or not, and records nothing', async () => {
    const dialog = await SmtpDialog.open(port);
    try {
      await dialog.reply();
      const ehlo = await dialog.command('EHLO tester.example');
      expect(ehlo?.text).toContain(`SIZE ${MAX_BYTES}`);
      expect((await dialog.command(`MAIL FROM:<> SIZE=${MAX_BYTES + 1}`))?.code).toBe(552);
    } finally {
      dialog.close();
    }
    const big = Buffer.concat([loadFixture('postfix-user-unknown.eml'), Buffer.from(`\r\n${'x'.repeat(998)}\r\n`.repeat(300))]);
    const { data } = await sendMail(port, '', [returnPath(1)], big);
    expect(data?.code).toBe(552);
    expect(handler.take()).toEqual({ events: [], notices: [] });
  });

  it('answers 451 when the handler fails or hangs, so the sender retries, and the retry brings the same event id', async () => {
    const raw = loadFixture('postfix-user-unknown.eml');
    handler.failNext = 1;
    expect((await sendMail(port, '', [returnPath(1)], raw)).data?.code).toBe(451);
    handler.hangNext = 1;
    expect((await sendMail(port, '', [returnPath(1)], raw)).data?.code).toBe(451);
    expect(handler.take().events).toEqual([]);
    expect((await sendMail(port, '', [returnPath(1)], raw)).data?.code).toBe(250);
    expect((await sendMail(port, '', [returnPath(1)], raw)).data?.code).toBe(250);
    const { events } = handler.take();
    expect(events).toHaveLength(2);
    expect(events[0].eventId).toBe(events[1].eventId);
  });

  it('gives one event per recipient of a message, each naming its own delivery; at most 5 recipients', async () => {
    const raw = loadFixture('postfix-user-unknown.eml');
    const { data } = await sendMail(port, '', [returnPath(1), returnPath(2)], raw);
    expect(data?.code).toBe(250);
    const { events } = handler.take();
    expect(events.map((e) => e.target.delivery)).toEqual([1, 2].map((n) => ({ kind: 'digest', subscriberId: fixtureSubscriber(n), editionDate: '2026-03-02' })));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
    const tooMany = await sendMail(port, '', [1, 2, 3, 4, 5, 6].map(returnPath), raw);
    expect(tooMany.rcpt.slice(0, 5).map((r) => r?.code)).toEqual([250, 250, 250, 250, 250]);
    expect(tooMany.rcpt[5]?.code).toBe(452);
    handler.take();
  });

  it('takes hostile messages (huge header, garbage, broken MIME) with 250 and records nothing, and keeps serving', async () => {
    const hostile = [
      Buffer.from(`Subject: ${'x'.repeat(200_000)}\r\n\r\nbody`),
      Buffer.from(`From: MAILER-DAEMON@x.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%\r\n--b`),
      Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 46, 13, 10, 0x80]),
    ];
    for (const raw of hostile) expect((await sendMail(port, '', [returnPath(3)], raw)).data?.code).toBe(250);
    expect(handler.take().events).toEqual([]);
    await stillServes();
  });

  it('property: random bytes on the socket never take it down', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('EHLO x\r\n', 'MAIL FROM:<>\r\n', `RCPT TO:<${returnPath(4)}>\r\n`, 'DATA\r\n', '.\r\n', 'RSET\r\n', 'AUTH PLAIN AAAA\r\n', 'STARTTLS\r\n', 'BDAT 10 LAST\r\n').map((s) => new TextEncoder().encode(s))), { maxLength: 12 }), async (chunks) => {
        const dialog = await SmtpDialog.open(port);
        await dialog.reply();
        for (const chunk of chunks) dialog.write(Buffer.from(chunk));
        dialog.write('\r\n.\r\nQUIT\r\n');
        dialog.close();
      }),
      { numRuns: 40 },
    );
    handler.take();
    await stillServes();
  });

  it('property: random message bodies are answered 250 or 552, never an error or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { data } = await sendMail(port, '', [returnPath(5)], Buffer.from(bytes));
        expect([250, 552]).toContain(data?.code);
      }),
      { numRuns: 40 },
    );
    handler.take();
    await stillServes();
  });
});
