import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { startMailCatcher, type MailCatcherHandle } from '@app/embedded';
import { MailTransport } from './mail-transport.js';

// Signs over a real SMTP exchange on loopback, then verifies the stored message with mailauth.
describe('DKIM signing', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-dkim-'));
  let sink: MailCatcherHandle;

  beforeAll(async () => {
    sink = await startMailCatcher({ dir });
  });
  afterAll(async () => {
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('produces a signature that verifies and covers both List-Unsubscribe headers', async () => {
    const transport = new MailTransport(sink.smtpUrl, 'Paperboy <digest@paperboy.test>', {
      dkim: { domainName: 'paperboy.test', keySelector: 'pb', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    });
    await transport.send({
      to: 'reader@example.org',
      subject: 'Signed digest',
      html: '<p>Hello</p>',
      text: 'Hello',
      messageId: 'digest.test.2026-11-20@paperboy.test',
      listId: 'Paperboy daily digest <digest.paperboy.test>',
      listUnsubscribe: { url: 'https://paperboy.test/unsubscribe/abc', mail: 'mailto:unsubscribe@paperboy.test?subject=abc' },
    });
    transport.close();
    const file = readdirSync(dir).find((f) => f.endsWith('.eml'))!;
    const raw = readFileSync(path.join(dir, file));
    const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const result = await dkimVerify(raw, {
      resolver: async (name: string, type: string) => {
        if (name === 'pb._domainkey.paperboy.test' && type === 'TXT') return [[`v=DKIM1; k=rsa; p=${publicDer}`]];
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    const signature = result.results[0];
    expect(signature.status.result).toBe('pass');
    const signed = String(signature.signingHeaders.keys).toLowerCase();
    expect(signed).toContain('list-unsubscribe');
    expect(signed).toContain('list-unsubscribe-post');
    expect(signed).toContain('message-id');
  });
});
