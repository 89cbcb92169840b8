import { describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { qpBody, qpEncodePiece } from './quoted-printable.js';
import { RawMessageWriter } from './raw-message.js';

const html = '<!DOCTYPE html><html><body><p>Ünïcode &amp; 👍 — a line long enough to need soft breaks, '.repeat(4) + '</p></body></html>';
const text = 'Paperboy: Friday, 20 November 2026\nWhy: “GRPO” \n👍 More like this: https://paperboy.example/f/tok/up\n';
const body = { html: [Buffer.from(qpBody(qpEncodePiece(html)))], text: [Buffer.from(qpBody(qpEncodePiece(text)))] };

describe('RawMessageWriter', () => {
  it('writes a message any MIME parser reads back: both alternatives and every header', async () => {
    const writer = new RawMessageWriter('Päperboy <digest@paperboy.example>', 'Paperboy daily digest <digest.paperboy.example>');
    const raw = writer.write(
      {
        to: 'ada@xn--bcher-kva.example',
        subject: 'Paperboy, 20 Nov: 2 trending papers for you',
        messageId: 'digest.2026-11-20.abc@paperboy.example',
        date: new Date('2026-11-20T07:00:00Z'),
        unsubscribeUrl: 'https://paperboy.example/unsubscribe/tok',
        unsubscribeMailto: 'mailto:unsubscribe+tok@in.paperboy.example',
      },
      body,
    );
    const message = raw.toString('latin1');
    for (const line of message.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(message).not.toMatch(/[^\r]\n/);
    const mail = await simpleParser(raw);
    expect(mail.html).toBe(html);
    expect(mail.text).toBe(text);
    expect(mail.from?.value[0]).toEqual({ name: 'Päperboy', address: 'digest@paperboy.example' });
    expect(mail.messageId).toBe('<digest.2026-11-20.abc@paperboy.example>');
    expect(mail.date?.toISOString()).toBe('2026-11-20T07:00:00.000Z');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(String(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).replace(/\r\n /g, ' ')).toBe(
      'List-Unsubscribe: <https://paperboy.example/unsubscribe/tok>, <mailto:unsubscribe+tok@in.paperboy.example>',
    );
    expect(mail.headerLines.find((h) => h.key === 'list-id')?.line).toMatch(/^List-Id: Paperboy daily digest <digest.paperboy.example>$/i);
  });

  it('refuses what would corrupt the headers: a non-ASCII or CR/LF address, a target with spaces', () => {
    const writer = new RawMessageWriter('Paperboy <digest@paperboy.example>', 'Paperboy <digest.paperboy.example>');
    const headers = { to: 'ada@example.org', subject: 's', messageId: 'm@x', date: new Date() };
    expect(() => writer.write({ ...headers, to: 'ädä@example.org' }, body)).toThrow(/ASCII/);
    expect(() => writer.write({ ...headers, to: 'ada@example.org\r\nBcc: x@y.z' }, body)).toThrow(/ASCII/);
    expect(() => writer.write({ ...headers, unsubscribeUrl: 'https://x.example/a b' }, body)).toThrow(/ASCII/);
  });
});
