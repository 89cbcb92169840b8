import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { analyzeMessage } from './analyze-message.js';
import type { DeliveryRef, EventTarget } from './events.js';
import { mailEventId, outcomeForRecipient, type RecipientOutcome } from './message-events.js';
import { fixtureAddresses, fixtureEnvelope, fixtureNames, fixtureSubscriber, loadFixture } from './testing/fixtures.js';

const digest = (n: number): DeliveryRef => ({ kind: 'digest', subscriberId: fixtureSubscriber(n), editionDate: '2026-03-02' });
const unsubscribe = (n: number) => ({ subscriberId: fixtureSubscriber(n), generation: 0 });

type Expected =
  | { bounce: 'permanent' | 'transient'; status?: string; evidence: 'dsn' | 'heuristic'; target: Partial<EventTarget> }
  | { complaint: string; target: Partial<EventTarget> }
  | { unsubscribe: number }
  | { ignored: string };

/** What each sample must come to, received at the address in its To header. See fixtures/README.md. */
const EXPECTED: Record<string, Expected> = {
  'postfix-user-unknown.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(1), unsubscribe: unsubscribe(1), recipient: 'ada.lovelace@mail.example.net' } },
  'postfix-delayed.eml': { bounce: 'transient', status: '4.4.1', evidence: 'dsn', target: { delivery: digest(2) } },
  'postfix-relayed-success.eml': { ignored: 'delivered' },
  'exim-mailbox-full.eml': { bounce: 'permanent', status: '5.2.2', evidence: 'dsn', target: { delivery: digest(4) } },
  'exim-legacy-prose.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'heuristic', target: { delivery: digest(5), recipient: 'eve.smith@retired.example.org' } },
  'sendmail-user-unknown.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: { kind: 'confirmation', subscriberId: fixtureSubscriber(6), request: 2 } } },
  'sendmail-warning-delayed.eml': { bounce: 'transient', status: '4.4.7', evidence: 'dsn', target: { delivery: digest(7) } },
  'office365-ndr.eml': { bounce: 'permanent', status: '5.1.10', evidence: 'dsn', target: { delivery: digest(8), recipient: 'fay.wray@contoso.example' } },
  'exchange-onprem-ndr.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(9), recipient: 'hal.jordan@fabrikam.example' } },
  'gmail-address-not-found.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(10) } },
  'gmail-delay.eml': { bounce: 'transient', status: '4.4.1', evidence: 'dsn', target: { delivery: digest(11) } },
  'yahoo-failure-notice.eml': { bounce: 'permanent', evidence: 'heuristic', target: { delivery: digest(12), recipient: 'jo@nonexist.example.com' } },
  'amazon-ses-bounce-email.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(13) } },
  'qmail-policy-prose.eml': { bounce: 'permanent', status: '5.7.1', evidence: 'heuristic', target: { delivery: digest(14) } },
  // Feedback loops: reports reach fbl@, and the delivery is found through the original or the report.
  'yahoo-arf-complaint.eml': { complaint: 'abuse', target: { unsubscribe: unsubscribe(15), messageId: expect.stringMatching(/^digest\.2026-03-02\./) as unknown as string } },
  'aol-arf-scomp.eml': { complaint: 'abuse', target: { delivery: digest(16), unsubscribe: unsubscribe(16) } },
  'microsoft-jmrp-complaint.eml': { complaint: 'abuse', target: { delivery: digest(17), recipient: 'mo@outlook.example' } },
  'mailru-fbl-complaint.eml': { complaint: 'abuse', target: { delivery: digest(18), unsubscribe: unsubscribe(18) } },
  'yandex-fbl-complaint.eml': { complaint: 'abuse', target: { messageId: expect.stringMatching(/^digest\.2026-03-02\..+@paperboy\.example$/) as unknown as string } },
  'arf-not-spam.eml': { ignored: 'not-a-complaint' },
  'dmarc-auth-failure.eml': { ignored: 'not-a-complaint' },
  'arf-forged-token.eml': { ignored: 'no-target' },
  'malformed-report-without-status-part.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'heuristic', target: { delivery: digest(23) } },
  'malformed-prose-to-postmaster.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'heuristic', target: { messageId: expect.stringMatching(/^digest\.2026-03-02\./) as unknown as string } },
  'malformed-truncated.eml': { bounce: 'permanent', status: '5.2.1', evidence: 'dsn', target: { delivery: digest(25), recipient: 'tess@example.net' } },
  'malformed-wrong-charset.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(26), recipient: 'uwe.mueller@example.de' } },
  'malformed-binary-noise.eml': { ignored: 'unrecognized' },
  'autoreply-exchange-ooo.eml': { ignored: 'autoreply' },
  'autoreply-vacation-responder.eml': { ignored: 'autoreply' },
  'read-receipt-mdn.eml': { ignored: 'read-receipt' },
  'mailto-unsubscribe-gmail.eml': { unsubscribe: 30 },
};

async function outcomeOf(name: string): Promise<RecipientOutcome> {
  const raw = loadFixture(name);
  const { from, to } = fixtureEnvelope(raw);
  const address = fixtureAddresses.recognize(to);
  if (!address) throw new Error(`${name}: ${to} is not an inbound address`);
  return outcomeForRecipient(await analyzeMessage(raw, fixtureAddresses), address, mailEventId(raw, to), from);
}

describe('reports from real-world formats (fixtures)', () => {
  it('has an expectation for every sample, and a sample for every expectation', () => {
    expect(fixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const { event, ignored } = await outcomeOf(name);
    if ('ignored' in expected) {
      expect(event).toBeUndefined();
      expect(ignored?.reason).toBe(expected.ignored);
      return;
    }
    expect(ignored).toBeUndefined();
    if ('unsubscribe' in expected) {
      expect(event).toMatchObject({ type: 'unsubscribe', method: 'mailto', target: { unsubscribe: unsubscribe(expected.unsubscribe) } });
      return;
    }
    if ('complaint' in expected) {
      expect(event).toMatchObject({ type: 'complaint', source: 'smtp', feedbackType: expected.complaint, target: { ...expected.target, recipientAuthenticated: false } });
      return;
    }
    expect(event).toMatchObject({ type: 'bounce', source: 'smtp', severity: expected.bounce, evidence: expected.evidence, target: { ...expected.target, recipientAuthenticated: false } });
    if (expected.status) expect(event).toMatchObject({ status: expected.status });
    else expect(event).not.toHaveProperty('status');
  });

  it('reads the bounce, not the returned digest: numbers in the original (section 4.2.1, "550-parameter") decide nothing', async () => {
    // exim-legacy-prose pastes the digest, whose text holds such numbers, after its own words.
    const { event } = await outcomeOf('exim-legacy-prose.eml');
    expect(event).toMatchObject({ status: '5.1.1', severity: 'permanent' });
  });

  it('gives the same event id to the same message and recipient, another to another recipient', () => {
    const raw = loadFixture('postfix-user-unknown.eml');
    expect(mailEventId(raw, 'A@x.example')).toBe(mailEventId(Buffer.from(raw), 'a@x.example'));
    expect(mailEventId(raw, 'a@x.example')).not.toBe(mailEventId(raw, 'b@x.example'));
  });
});

describe('hostile messages', () => {
  const samples = fixtureNames().map(loadFixture);
  const neverThrows = async (raw: Buffer) => {
    const analysis = await analyzeMessage(raw, fixtureAddresses);
    expect(['bounce', 'complaint', 'ignored']).toContain(analysis.verdict.kind);
  };

  it('property: random bytes are analysed without throwing', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), (bytes) => neverThrows(Buffer.from(bytes))), { numRuns: 300 });
  });

  it('property: samples cut, spliced and corrupted anywhere are analysed without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: samples.length - 1 }), fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 64 }), async (which, cut, at, junk) => {
        const sample = samples[which];
        const truncated = sample.subarray(0, cut % (sample.length + 1));
        const position = at % (truncated.length + 1);
        await neverThrows(Buffer.concat([truncated.subarray(0, position), Buffer.from(junk), truncated.subarray(position)]));
      }),
      { numRuns: 300 },
    );
  });

  it('property: random MIME structure (boundaries, nesting, headers, encodings) is analysed without throwing', async () => {
    const headerLine = fc.oneof(
      fc.constantFrom('Content-Type: multipart/report; report-type=delivery-status; boundary="b"', 'Content-Type: message/delivery-status', 'Content-Type: message/feedback-report', 'Content-Type: message/rfc822', 'Content-Type: text/rfc822-headers', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable', 'Content-Type: multipart/mixed; boundary=', 'Content-Type: text/plain; charset=x-nope', 'Subject: =?utf-8?B?', 'From: <>'),
      fc.string({ maxLength: 80 }),
    );
    const line = fc.oneof(headerLine, fc.constantFrom('--b', '--b--', '', 'Final-Recipient: rfc822; x@y', 'Action: failed', 'Status: 5.1.1', 'Feedback-Type: abuse', 'Diagnostic-Code: smtp; 550'), fc.string({ maxLength: 200 }));
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 120 }), (lines) => neverThrows(Buffer.from(lines.join('\r\n')))), { numRuns: 300 });
  });

  it('survives huge headers, one huge line, thousands of parts and deep nesting', async () => {
    const huge = Buffer.from(`Subject: ${'x'.repeat(3_000_000)}\r\n\r\nbody`);
    const manyHeaders = Buffer.from(`${'X-Junk: y\r\n'.repeat(200_000)}\r\nbody`);
    const oneLine = Buffer.from(`From: MAILER-DAEMON@x.example\r\nSubject: Undelivered\r\n\r\n${'550 '.repeat(500_000)}`);
    const parts = Buffer.from(`Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(5000)}--b--\r\n`);
    let nested = 'x';
    for (let i = 0; i < 300; i++) nested = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${nested}\r\n--b${i}--\r\n`;
    for (const raw of [huge, manyHeaders, oneLine, parts, Buffer.from(nested)]) await neverThrows(raw);
  });
});
