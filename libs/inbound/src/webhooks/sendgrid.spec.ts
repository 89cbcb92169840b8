import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtureAddresses, fixtureSubscriber } from '../testing/fixtures.js';
import { expectNeverThrows } from '../testing/webhook-fuzz.js';
import { createSendgridWebhook, SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER } from './sendgrid.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const NOW = new Date('2026-03-02T07:20:00Z');
const base64Der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const verify = createSendgridWebhook({ publicKey: base64Der, addresses: fixtureAddresses, now: () => NOW });
const token = fixtureAddresses.deliveryToken({ kind: 'digest', subscriberId: fixtureSubscriber(70), editionDate: '2026-03-02' });
const fresh = String(Math.floor(NOW.getTime() / 1000) - 5);

function request(body: string, timestamp = fresh, key: KeyObject = privateKey) {
  const signature = sign('sha256', Buffer.from(timestamp + body), { key, dsaEncoding: 'der' }).toString('base64');
  return { headers: { [SENDGRID_SIGNATURE_HEADER.toLowerCase()]: signature, [SENDGRID_TIMESTAMP_HEADER.toLowerCase()]: timestamp }, body: Buffer.from(body) };
}

const event = (fields: object) => ({ email: 'bob@example.com', timestamp: 1772435652, 'smtp-id': '<digest.2026-03-02.xyz@paperboy.example>', sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', paperboy: token, ...fields });
const batch = JSON.stringify([
  event({ event: 'bounce', type: 'bounce', sg_event_id: 'b1', status: '5.1.1', reason: '550 5.1.1 unknown user' }),
  event({ event: 'bounce', type: 'blocked', sg_event_id: 'b2', status: '4.7.1', reason: '421 4.7.1 reputation' }),
  event({ event: 'deferred', sg_event_id: 'b3', response: '450 try later', attempt: '2' }),
  event({ event: 'spamreport', sg_event_id: 'c1' }),
  event({ event: 'unsubscribe', sg_event_id: 'u1' }),
  event({ event: 'group_unsubscribe', sg_event_id: 'u2', asm_group_id: 1 }),
  event({ event: 'dropped', sg_event_id: 'd1', reason: 'Bounced Address' }),
  event({ event: 'dropped', sg_event_id: 'd2', reason: 'Invalid SMTPAPI header' }),
  event({ event: 'delivered', sg_event_id: 'x1', response: '250 OK' }),
  event({ event: 'open', sg_event_id: 'x2' }),
  'not an object',
]);

describe('SendGrid signed event webhook', () => {
  it('maps a batch: bounces, blocks, deferrals, complaints, unsubscribes, drops; ignores the rest', async () => {
    const result = await verify(request(batch));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.events.map((e) => [e.eventId, e.type, e.type === 'bounce' ? e.severity : '-'])).toEqual([
      ['sendgrid:b1', 'bounce', 'permanent'],
      ['sendgrid:b2', 'bounce', 'transient'],
      ['sendgrid:b3', 'bounce', 'transient'],
      ['sendgrid:c1', 'complaint', '-'],
      ['sendgrid:u1', 'unsubscribe', '-'],
      ['sendgrid:u2', 'unsubscribe', '-'],
      ['sendgrid:d1', 'bounce', 'permanent'],
    ]);
    expect(result.events[0]).toMatchObject({
      status: '5.1.1',
      diagnosticCode: '550 5.1.1 unknown user',
      occurredAt: new Date(1772435652 * 1000),
      target: { delivery: { kind: 'digest', subscriberId: fixtureSubscriber(70), editionDate: '2026-03-02' }, messageId: 'digest.2026-03-02.xyz@paperboy.example', recipient: 'bob@example.com', recipientAuthenticated: true },
    });
    expect(result.ignored).toHaveLength(4);
  });

  it('accepts the key as PEM too, and refuses a key that is not P-256', () => {
    expect(() => createSendgridWebhook({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), addresses: fixtureAddresses })).not.toThrow();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(() => createSendgridWebhook({ publicKey: rsa, addresses: fixtureAddresses })).toThrow(RangeError);
  });

  it('refuses bad signatures, another key, a changed body or timestamp, replayed timestamps, missing headers', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const good = request(batch);
    const stale = String(Math.floor(NOW.getTime() / 1000) - 3600);
    const cases = [
      request(batch, fresh, other),
      { ...good, body: Buffer.from(batch.replace('"bounce"', '"delivered"')) },
      { ...good, headers: { ...good.headers, [SENDGRID_TIMESTAMP_HEADER.toLowerCase()]: String(Number(fresh) + 1) } },
      request(batch, stale),
      { headers: {}, body: good.body },
      { ...good, headers: { ...good.headers, [SENDGRID_SIGNATURE_HEADER.toLowerCase()]: 'AAAA' } },
      { ...good, headers: { ...good.headers, [SENDGRID_SIGNATURE_HEADER.toLowerCase()]: '!!not base64!!' } },
    ];
    for (const r of cases) expect(await verify(r)).toMatchObject({ status: 'unauthorized' });
    expect(await verify(request('{"not": "an array"}'))).toMatchObject({ status: 'bad-request' });
    expect(await verify(request('[{"event": '))).toMatchObject({ status: 'bad-request' });
  });

  it('never throws, signed or not', async () => {
    await expectNeverThrows(verify, fc.constantFrom({}, request(batch).headers));
    await fc.assert(
      fc.asyncProperty(fc.string(), async (body) => {
        expect(['ok', 'bad-request']).toContain((await verify(request(body))).status);
      }),
      { numRuns: 200 },
    );
  });
});
