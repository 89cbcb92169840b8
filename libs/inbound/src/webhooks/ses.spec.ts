import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtureAddresses, fixtureSubscriber } from '../testing/fixtures.js';
import { makeTestCertificate } from '../testing/test-certificate.js';
import { expectNeverThrows } from '../testing/webhook-fuzz.js';
import { createSesWebhook } from './ses.js';
import { SnsHostAllowlist, snsStringToSign } from './sns-signature.js';
import type { WebhookResult } from './webhook-result.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:paperboy-ses';
const NOW = new Date('2026-03-02T08:00:00Z');
const certificate = makeTestCertificate('sns.eu-west-1.amazonaws.com', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
const expired = makeTestCertificate('sns.eu-west-1.amazonaws.com', new Date('2025-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
let server: Server;
let origin = '';
let fetches = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    fetches++;
    const pem = request.url === '/SimpleNotificationService-test.pem' || request.url === '/other.pem' ? certificate.pem : request.url === '/expired.pem' ? expired.pem : null;
    response.writeHead(pem ? 200 : 404, { 'Content-Type': 'application/x-pem-file' }).end(pem ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const webhook = () => createSesWebhook({ topicArns: [TOPIC], certHosts: [origin], addresses: fixtureAddresses, now: () => NOW });

/** What SNS signs, written out here on its own (not with the code under test). */
function signSns(message: Record<string, string>, key: KeyObject = certificate.privateKey, version = '2'): Record<string, string> {
  const names = message.Type === 'Notification' ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const text = names.filter((n) => message[n] !== undefined).map((n) => `${n}\n${message[n]}\n`).join('');
  return { ...message, SignatureVersion: version, Signature: sign(version === '1' ? 'sha1' : 'sha256', Buffer.from(text), key).toString('base64') };
}

const returnPath = fixtureAddresses.deliveryToken({ kind: 'digest', subscriberId: fixtureSubscriber(40), editionDate: '2026-03-02' });
const listUnsubscribe = `<https://paperboy.example/unsubscribe/AAAAAAAAAAAAAAAAAAAAAA>, <${fixtureAddresses.unsubscribeMailto({ subscriberId: fixtureSubscriber(40), generation: 2 })}>`;

function notification(ses: object, overrides: Record<string, string> = {}, version = '2'): string {
  return JSON.stringify(
    signSns(
      {
        Type: 'Notification',
        MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
        TopicArn: TOPIC,
        Message: JSON.stringify(ses),
        Timestamp: '2026-03-02T07:14:12.000Z',
        SigningCertURL: `${origin}/SimpleNotificationService-test.pem`,
        UnsubscribeURL: `${origin}/?Action=Unsubscribe`,
        ...overrides,
      },
      undefined,
      version,
    ),
  );
}

const mail = {
  timestamp: '2026-03-02T07:14:05.000Z',
  source: 'digest@paperboy.example',
  messageId: '0100018e0a1b2c3d-4e5f6a7b-000000',
  destination: ['kim@unknown.example.net', 'lou@unknown.example.net'],
  headersTruncated: false,
  headers: [
    { name: 'Message-ID', value: '<digest.2026-03-02.abcdefghijklmnopqrstuv@paperboy.example>' },
    { name: 'List-Unsubscribe', value: listUnsubscribe },
  ],
  tags: { paperboy: [returnPath], 'ses:configuration-set': ['paperboy'] },
};
const bounce = (bounceType: string) => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: [
      { emailAddress: 'kim@unknown.example.net', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      { emailAddress: 'lou@unknown.example.net', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
    ],
    timestamp: '2026-03-02T07:14:12.000Z',
    feedbackId: '0100018e0a1b2c3d-feedback-000000',
    reportingMTA: 'dsn; a8-45.smtp-out.amazonses.com',
  },
  mail,
});

const ok = (result: WebhookResult) => {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
};

describe('SES through SNS', () => {
  it('a permanent bounce (SignatureVersion 2): one event per recipient, authenticated, naming the delivery from the tag', async () => {
    const { events } = ok(await webhook()({ headers: {}, body: notification(bounce('Permanent')) }));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'bounce',
      source: 'ses',
      severity: 'permanent',
      status: '5.1.1',
      evidence: 'provider',
      eventId: 'ses:0100018e0a1b2c3d-feedback-000000:kim@unknown.example.net',
      occurredAt: new Date('2026-03-02T07:14:12.000Z'),
      target: {
        delivery: { kind: 'digest', subscriberId: fixtureSubscriber(40), editionDate: '2026-03-02' },
        unsubscribe: { subscriberId: fixtureSubscriber(40), generation: 2 },
        messageId: 'digest.2026-03-02.abcdefghijklmnopqrstuv@paperboy.example',
        recipient: 'kim@unknown.example.net',
        recipientAuthenticated: true,
      },
    });
    expect(events[1].eventId).not.toBe(events[0].eventId);
  });

  it('transient and undetermined bounces, delays, complaints (SignatureVersion 1), and what is ignored', async () => {
    const verify = webhook();
    for (const type of ['Transient', 'Undetermined']) expect(ok(await verify({ headers: {}, body: notification(bounce(type)) })).events[0]).toMatchObject({ severity: 'transient' });
    const delay = { eventType: 'DeliveryDelay', deliveryDelay: { delayType: 'MailboxFull', delayedRecipients: [{ emailAddress: 'kim@unknown.example.net', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 mailbox full' }], timestamp: '2026-03-02T08:00:00.000Z' }, mail };
    expect(ok(await verify({ headers: {}, body: notification(delay) })).events).toEqual([expect.objectContaining({ type: 'bounce', severity: 'transient', action: 'delayed', status: '4.2.2', category: 'mailbox-full' })]);
    const complaint = { notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'kim@unknown.example.net' }], timestamp: '2026-03-02T09:00:00.000Z', feedbackId: 'fb-1', complaintFeedbackType: 'abuse', userAgent: 'Yahoo!-Mail-Feedback/2.0' }, mail };
    expect(ok(await verify({ headers: {}, body: notification(complaint, { Subject: 'Amazon SES Email Event Notification' }, '1') })).events).toEqual([
      expect.objectContaining({ type: 'complaint', feedbackType: 'abuse', reporter: 'Yahoo!-Mail-Feedback/2.0', eventId: 'ses:fb-1:kim@unknown.example.net' }),
    ]);
    const notSpam = { ...complaint, complaint: { ...complaint.complaint, complaintFeedbackType: 'not-spam' } };
    expect(ok(await verify({ headers: {}, body: notification(notSpam) }))).toMatchObject({ events: [], ignored: [{ reason: 'not-a-complaint' }] });
    expect(ok(await verify({ headers: {}, body: notification({ notificationType: 'Delivery', mail }) }))).toMatchObject({ events: [], ignored: [{ reason: 'uninteresting-event' }] });
  });

  it('a subscription confirmation gives back the SubscribeURL to visit, only on an allowed host', async () => {
    const confirmation = (subscribeUrl: string) =>
      JSON.stringify(
        signSns(
          { Type: 'SubscriptionConfirmation', MessageId: 'c0', Token: 'tok', TopicArn: TOPIC, Message: 'You have chosen to subscribe', SubscribeURL: subscribeUrl, Timestamp: '2026-03-02T07:00:00.000Z', SigningCertURL: `${origin}/SimpleNotificationService-test.pem` },
          undefined,
          '1',
        ),
      );
    const url = `${origin}/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=tok`;
    expect(await webhook()({ headers: {}, body: confirmation(url) })).toEqual({ status: 'subscription-confirmation', subscribeUrl: new URL(url).href, topicArn: TOPIC });
    expect(await webhook()({ headers: {}, body: confirmation('https://attacker.example/confirm') })).toMatchObject({ status: 'bad-request' });
  });

  it('refuses, without fetching anything, a topic not on the list and a certificate on another host', async () => {
    const before = fetches;
    const verify = webhook();
    expect(await verify({ headers: {}, body: notification(bounce('Permanent'), { TopicArn: 'arn:aws:sns:eu-west-1:999999999999:theirs' }) })).toMatchObject({ status: 'unauthorized', reason: 'topic not allowed' });
    for (const SigningCertURL of [`${origin.replace('127.0.0.1', 'localhost')}/SimpleNotificationService-test.pem`, 'https://sns.eu-west-1.amazonaws.com.attacker.example/cert.pem', `${origin}/SimpleNotificationService-test.txt`, 'not a url']) {
      expect(await verify({ headers: {}, body: notification(bounce('Permanent'), { SigningCertURL }) })).toMatchObject({ status: 'unauthorized' });
    }
    expect(fetches).toBe(before);
  });

  it('refuses bad signatures: a changed message, another key, an unknown version, an expired certificate; and old messages', async () => {
    const verify = webhook();
    const tampered = JSON.parse(notification(bounce('Transient'))) as Record<string, string>;
    tampered.Message = JSON.stringify(bounce('Permanent'));
    const otherKey = makeTestCertificate('x').privateKey;
    const cases = [
      JSON.stringify(tampered),
      JSON.stringify(signSns(JSON.parse(notification(bounce('Permanent'))) as Record<string, string>, otherKey)),
      notification(bounce('Permanent'), {}, '3'),
      notification(bounce('Permanent'), { SigningCertURL: `${origin}/expired.pem` }),
      notification(bounce('Permanent'), { Timestamp: '2026-02-20T07:14:12.000Z' }),
      JSON.stringify({ ...(JSON.parse(notification(bounce('Permanent'))) as object), Signature: 'not base64 !!' }),
    ];
    for (const body of cases) {
      const result = await verify({ headers: {}, body });
      expect(result.status).toBe('unauthorized');
      expect(result).not.toHaveProperty('events');
    }
  });

  it('fetches each certificate once, then uses the cache', async () => {
    const verify = webhook();
    const before = fetches;
    await Promise.all([1, 2, 3].map(() => verify({ headers: {}, body: notification(bounce('Permanent'), { SigningCertURL: `${origin}/other.pem` }) })));
    ok(await verify({ headers: {}, body: notification(bounce('Permanent'), { SigningCertURL: `${origin}/other.pem` }) }));
    expect(fetches - before).toBe(1);
  });

  it('malformed input: unparseable → unauthorized, a signed Message that is not SES JSON → bad request, never a throw', async () => {
    const verify = webhook();
    expect(await verify({ headers: {}, body: '{"Type": "Notif' })).toMatchObject({ status: 'unauthorized' });
    expect(await verify({ headers: {}, body: notification({}) })).toMatchObject({ status: 'ok', events: [], ignored: [{ reason: 'uninteresting-event' }] });
    const notJson = JSON.parse(notification({})) as Record<string, string>;
    expect(await verify({ headers: {}, body: JSON.stringify(signSns({ ...notJson, Message: 'hello' })) })).toMatchObject({ status: 'bad-request' });
    await expectNeverThrows(verify);
  });

  it('signs exactly the fields SNS names, in order, Subject only when present', () => {
    const base = { Type: 'Notification', MessageId: 'm', TopicArn: 't', Message: 'hi\nthere', Timestamp: 'ts' };
    expect(snsStringToSign(base)).toBe('Message\nhi\nthere\nMessageId\nm\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n');
    expect(snsStringToSign({ ...base, Subject: 's' })).toBe('Message\nhi\nthere\nMessageId\nm\nSubject\ns\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n');
    expect(snsStringToSign({ ...base, Type: 'Other' })).toBeNull();
    expect(snsStringToSign({ ...base, MessageId: 42 })).toBeNull();
  });

  it('by default allows only https on the SNS host of the topic’s own region', () => {
    const allow = new SnsHostAllowlist();
    const allows = (url: string, topic = TOPIC) => allow.allows(new URL(url), topic);
    expect(allows('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem')).toBe(true);
    expect(allows('https://sns.cn-north-1.amazonaws.com.cn/x.pem', 'arn:aws-cn:sns:cn-north-1:123456789012:t')).toBe(true);
    for (const url of ['http://sns.eu-west-1.amazonaws.com/x.pem', 'https://sns.us-east-1.amazonaws.com/x.pem', 'https://sns.eu-west-1.amazonaws.com:8443/x.pem', 'https://sns.eu-west-1.amazonaws.com.attacker.example/x.pem', 'https://user@sns.eu-west-1.amazonaws.com/x.pem']) {
      expect([url, allows(url)]).toEqual([url, false]);
    }
    expect(allows('https://sns.eu-west-1.amazonaws.com/x.pem', 'not an arn')).toBe(false);
    expect(() => new SnsHostAllowlist(['https://x.example/path'])).toThrow(RangeError);
    expect(() => createSesWebhook({ topicArns: [], addresses: fixtureAddresses })).toThrow(RangeError);
  });
});
