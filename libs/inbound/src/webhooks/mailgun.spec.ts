import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { fixtureAddresses, fixtureSubscriber } from '../testing/fixtures.js';
import { expectNeverThrows } from '../testing/webhook-fuzz.js';
import { createMailgunWebhook } from './mailgun.js';

const KEY = 'key-test-mailgun-signing-0123456789';
const NOW = new Date('2026-03-02T07:20:00Z');
const verify = createMailgunWebhook({ signingKey: KEY, addresses: fixtureAddresses, now: () => NOW });
const token = fixtureAddresses.deliveryToken({ kind: 'confirmation', subscriberId: fixtureSubscriber(60), request: 3 });

function signed(eventData: object, timestamp = String(Math.floor(NOW.getTime() / 1000) - 30), key = KEY, nonce = randomBytes(25).toString('hex')): string {
  return JSON.stringify({ signature: { timestamp, token: nonce, signature: createHmac('sha256', key).update(timestamp + nonce).digest('hex') }, 'event-data': eventData });
}

const failed = (severity: string) => ({
  event: 'failed',
  id: 'G9Bn5sl1TC6yGzXGKdFdUw',
  timestamp: 1772435652.375624,
  'log-level': 'error',
  severity,
  reason: 'bounce',
  recipient: 'alice@example.com',
  'delivery-status': { code: 550, message: '5.1.1 The email account that you tried to reach does not exist.', description: '', 'attempt-no': 1 },
  message: { headers: { to: 'alice@example.com', 'message-id': '<confirm.abc@paperboy.example>', from: 'digest@paperboy.example', subject: 'Confirm' } },
  'user-variables': { paperboy: token },
});

describe('Mailgun webhooks', () => {
  it('a permanent failure: its id, the confirmation from the user variables, the Message-ID, the address authenticated', async () => {
    expect(await verify({ headers: {}, body: signed(failed('permanent')) })).toMatchObject({
      status: 'ok',
      events: [
        {
          type: 'bounce',
          source: 'mailgun',
          eventId: 'mailgun:G9Bn5sl1TC6yGzXGKdFdUw',
          severity: 'permanent',
          status: '5.1.1',
          diagnosticCode: '550 5.1.1 The email account that you tried to reach does not exist.',
          target: { delivery: { kind: 'confirmation', subscriberId: fixtureSubscriber(60), request: 3 }, messageId: 'confirm.abc@paperboy.example', recipient: 'alice@example.com', recipientAuthenticated: true },
        },
      ],
    });
  });

  it('temporary failures are transient; complaints and unsubscribes; deliveries ignored', async () => {
    expect(await verify({ headers: {}, body: signed(failed('temporary')) })).toMatchObject({ events: [{ severity: 'transient' }] });
    expect(await verify({ headers: {}, body: signed({ event: 'complained', id: 'c1', timestamp: 1772435652, recipient: 'alice@example.com' }) })).toMatchObject({ events: [{ type: 'complaint', eventId: 'mailgun:c1' }] });
    expect(await verify({ headers: {}, body: signed({ event: 'unsubscribed', id: 'u1', timestamp: 1772435652, recipient: 'alice@example.com' }) })).toMatchObject({ events: [{ type: 'unsubscribe', method: 'provider' }] });
    expect(await verify({ headers: {}, body: signed({ event: 'delivered', id: 'd1', recipient: 'alice@example.com' }) })).toMatchObject({ events: [], ignored: [{ reason: 'uninteresting-event' }] });
  });

  it('refuses bad signatures, other keys, replayed and future timestamps', async () => {
    const replayed = String(Math.floor(NOW.getTime() / 1000) - 3600);
    const future = String(Math.floor(NOW.getTime() / 1000) + 3600);
    const tampered = signed(failed('temporary')).replace('"temporary"', '"permanent"');
    const cases = [signed(failed('permanent'), undefined, 'another-key'), signed(failed('permanent'), replayed), signed(failed('permanent'), future), JSON.stringify({ 'event-data': failed('permanent') }), '{"signature": ', 'null'];
    for (const body of cases) expect(await verify({ headers: {}, body })).toMatchObject({ status: 'unauthorized' });
    // The signature covers timestamp and token only: the event itself is trusted once those verify,
    // so a changed event with a fresh valid signature is still the provider's word.
    expect((await verify({ headers: {}, body: tampered })).status).toBe('ok');
    expect(await verify({ headers: {}, body: JSON.stringify({ ...JSON.parse(signed({})), 'event-data': 'x' }) })).toMatchObject({ status: 'bad-request' });
  });

  it('lets a token come back only with the event it came with: a retry passes, a captured signature on another event does not', async () => {
    const first = signed(failed('permanent'), undefined, KEY, 'nonce-1');
    expect((await verify({ headers: {}, body: first })).status).toBe('ok');
    expect((await verify({ headers: {}, body: first })).status).toBe('ok');
    const other = signed({ ...failed('permanent'), id: 'another-event', recipient: 'victim@example.com' }, undefined, KEY, 'nonce-1');
    expect(await verify({ headers: {}, body: other })).toMatchObject({ status: 'unauthorized', reason: 'token already used for another event' });
  });

  it('never throws', async () => {
    await expectNeverThrows(verify);
  });
});
