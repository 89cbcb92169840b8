import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtureAddresses, fixtureSubscriber } from '../testing/fixtures.js';
import { expectNeverThrows } from '../testing/webhook-fuzz.js';
import { createPostmarkWebhook } from './postmark.js';

const verify = createPostmarkWebhook({ username: 'postmark', password: 'a-long-webhook-password-0123', addresses: fixtureAddresses });
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const AUTH = { authorization: basic('postmark', 'a-long-webhook-password-0123') };
const token = fixtureAddresses.deliveryToken({ kind: 'digest', subscriberId: fixtureSubscriber(50), editionDate: '2026-03-02' });

// Written as JSON text: Postmark's ids are 64-bit, more than a JavaScript number holds.
const bounce = (Type: string, extra: object = {}, id = '4323372036854775807') =>
  JSON.stringify({
    RecordType: 'Bounce',
    ID: '<id>',
    Type,
    TypeCode: 1,
    Name: 'Hard bounce',
    Tag: 'digest',
    MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
    Metadata: { paperboy: token },
    ServerID: 23,
    MessageStream: 'outbound',
    Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
    Email: 'john@example.com',
    From: 'digest@paperboy.example',
    BouncedAt: '2026-03-02T07:14:12.9070259Z',
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Subject: 'Paperboy, 2 Mar',
    ...extra,
  }).replace('"<id>"', id);

describe('Postmark webhooks', () => {
  it('a hard bounce: permanent, its id, the delivery from the metadata, the address authenticated', async () => {
    expect(await verify({ headers: AUTH, body: bounce('HardBounce') })).toEqual({
      status: 'ok',
      ignored: [],
      events: [
        {
          type: 'bounce',
          source: 'postmark',
          eventId: 'postmark:Bounce:4323372036854775807',
          severity: 'permanent',
          status: '5.1.1',
          category: 'address',
          evidence: 'provider',
          diagnosticCode: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
          occurredAt: new Date('2026-03-02T07:14:12.907Z'),
          target: { delivery: { kind: 'digest', subscriberId: fixtureSubscriber(50), editionDate: '2026-03-02' }, recipient: 'john@example.com', recipientAuthenticated: true },
        },
      ],
    });
  });

  it('soft bounces are transient, spam complaints complaints, subscription changes unsubscribe; autoresponders ignored', async () => {
    expect(await verify({ headers: AUTH, body: bounce('SoftBounce') })).toMatchObject({ events: [{ type: 'bounce', severity: 'transient' }] });
    expect(await verify({ headers: AUTH, body: bounce('SpamComplaint', { RecordType: 'SpamComplaint' }, '7') })).toMatchObject({ events: [{ type: 'complaint', eventId: 'postmark:SpamComplaint:7', feedbackType: 'abuse' }] });
    expect(await verify({ headers: AUTH, body: bounce('AutoResponder') })).toMatchObject({ events: [], ignored: [{ reason: 'uninteresting-event' }] });
    const change = (SuppressSending: boolean, SuppressionReason: string) =>
      JSON.stringify({ RecordType: 'SubscriptionChange', MessageID: 'm-1', ServerID: 23, MessageStream: 'outbound', ChangedAt: '2026-03-02T09:00:00Z', Recipient: 'john@example.com', Origin: 'Recipient', SuppressSending, SuppressionReason, Tag: '', Metadata: {} });
    expect(await verify({ headers: AUTH, body: change(true, 'ManualSuppression') })).toMatchObject({ events: [{ type: 'unsubscribe', method: 'provider', target: { recipient: 'john@example.com', recipientAuthenticated: true } }] });
    expect(await verify({ headers: AUTH, body: change(true, 'HardBounce') })).toMatchObject({ events: [{ type: 'bounce', severity: 'permanent' }] });
    expect(await verify({ headers: AUTH, body: change(false, 'ManualSuppression') })).toMatchObject({ events: [] });
    expect(await verify({ headers: AUTH, body: JSON.stringify({ RecordType: 'Delivery', Recipient: 'john@example.com' }) })).toMatchObject({ events: [] });
  });

  it('refuses wrong, missing and malformed credentials before reading the body', async () => {
    for (const authorization of [undefined, '', basic('postmark', 'wrong'), basic('other', 'a-long-webhook-password-0123'), basic('postmark', 'a-long-webhook-password-0123x'), 'Bearer a-long-webhook-password-0123', 'Basic !!!', `Basic ${Buffer.from('postmark').toString('base64')}`]) {
      expect(await verify({ headers: { authorization }, body: bounce('HardBounce') })).toMatchObject({ status: 'unauthorized' });
    }
    expect(await verify({ headers: AUTH, body: '{"RecordType": ' })).toMatchObject({ status: 'bad-request' });
    expect(await verify({ headers: AUTH, body: '[1,2]' })).toMatchObject({ status: 'bad-request' });
  });

  it('never throws, with or without valid credentials', async () => {
    await expectNeverThrows(verify, fc.constantFrom({}, AUTH));
  });
});

describe('Postmark event ids', () => {
  it('keeps 64-bit ids exact: two events whose ids round to the same double stay two', async () => {
    const ids = await Promise.all(['4323372036854775807', '4323372036854775806'].map(async (id) => {
      const result = await verify({ headers: AUTH, body: bounce('HardBounce', {}, id) });
      return result.status === 'ok' ? result.events[0]?.eventId : result.status;
    }));
    expect(ids).toEqual(['postmark:Bounce:4323372036854775807', 'postmark:Bounce:4323372036854775806']);
  });
});
