import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { analyzeMessage } from './analyze-message.js';
import { mailEventId, outcomeForRecipient, type RecipientOutcome } from './message-events.js';
import { EXPECTED, expectOutcome } from './testing/expected-outcomes.js';
import { fixtureAddresses, fixtureEnvelope, fixtureNames, loadFixture } from './testing/fixtures.js';

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
    expectOutcome(await outcomeOf(name), expected);
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
