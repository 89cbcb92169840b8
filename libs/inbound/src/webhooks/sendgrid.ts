import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IgnoredNotice, InboundEvent } from '../events.js';
import type { InboundAddresses } from '../inbound-addresses.js';
import { asRecord, asString, badRequest, bodyBytes, dateOf, freshTimestamp, hasTarget, header, ignoredEvent, MAX_WEBHOOK_BODY_BYTES, METADATA_KEY, parseJson, providerBounce, providerTarget, unauthorized, type JsonRecord, type WebhookResult, type WebhookVerifier } from './webhook-result.js';

export interface SendgridWebhookOptions {
  /** SENDGRID_WEBHOOK_PUBLIC_KEY: the signed event webhook's verification key (base64 DER, as SendGrid shows it, or PEM). */
  publicKey: string;
  addresses: InboundAddresses;
  /** How far the signed timestamp may be from now. Default 900 s. */
  toleranceSeconds?: number;
  now?: () => Date;
}

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

function publicKeyOf(text: string): KeyObject {
  const key = text.includes('-----BEGIN') ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new RangeError('SendGrid webhook: the public key must be ECDSA P-256');
  return key;
}

type Outcome = { event: InboundEvent; ignored?: undefined } | { event?: undefined; ignored: IgnoredNotice };

function outcomeOf(item: JsonRecord, addresses: InboundAddresses): Outcome {
  const kind = asString(item.event);
  const target = providerTarget(addresses, { recipient: asString(item.email), deliveryToken: item[METADATA_KEY], messageId: asString(item['smtp-id']) });
  const id = asString(item.sg_event_id) ?? createHash('sha256').update(JSON.stringify(item)).digest('hex').slice(0, 32);
  const occurredAt = dateOf(item.timestamp);
  const base = { source: 'sendgrid' as const, eventId: `sendgrid:${id}`, target, ...(occurredAt ? { occurredAt } : {}) };
  const nothing = (detail: string): Outcome => ({ ignored: ignoredEvent('sendgrid', detail) });
  if (!hasTarget(target)) return nothing(`${kind ?? 'event'} without a recipient`);
  const reason = asString(item.reason);
  const bounce = (severity: 'permanent' | 'transient'): Outcome => ({ event: providerBounce(base, severity, { status: item.status, diagnostic: reason }) });
  switch (kind) {
    case 'bounce':
      // SendGrid's "blocked" is a bounce its type calls temporary (a block by the receiver, often reputation).
      return bounce(item.type === 'blocked' ? 'transient' : 'permanent');
    case 'deferred':
      return bounce('transient');
    case 'dropped':
      // Dropped: SendGrid did not send, because of its own suppression lists.
      if (reason === 'Bounced Address') return bounce('permanent');
      if (reason === 'Spam Reporting Address') return { event: { ...base, type: 'complaint', feedbackType: 'abuse', reporter: 'SendGrid' } };
      if (reason === 'Unsubscribed Address') return { event: { ...base, type: 'unsubscribe', method: 'provider' } };
      return nothing(`dropped: ${reason ?? 'no reason'}`);
    case 'spamreport':
      return { event: { ...base, type: 'complaint', feedbackType: 'abuse', reporter: 'SendGrid' } };
    case 'unsubscribe':
    case 'group_unsubscribe':
      return { event: { ...base, type: 'unsubscribe', method: 'provider' } };
    default:
      return nothing(`event ${kind ?? 'missing'}`);
  }
}

/**
 * SendGrid's signed event webhook: an ECDSA P-256 / SHA-256 signature (base64 DER) of the timestamp
 * header followed by the raw body. The body is a JSON array of events, each mapped on its own.
 */
export function createSendgridWebhook(options: SendgridWebhookOptions): WebhookVerifier {
  const key = publicKeyOf(options.publicKey);
  return async (request): Promise<WebhookResult> => {
    const body = bodyBytes(request);
    if (body.length > MAX_WEBHOOK_BODY_BYTES) return badRequest('body too large');
    try {
      const signature = header(request, SENDGRID_SIGNATURE_HEADER);
      const timestamp = header(request, SENDGRID_TIMESTAMP_HEADER);
      if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp) || signature.length > 200) return unauthorized('missing or malformed signature headers');
      const signed = verify('sha256', Buffer.concat([Buffer.from(timestamp), body]), { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
      if (!signed) return unauthorized('bad signature');
      if (!freshTimestamp(Number(timestamp), options.now?.() ?? new Date(), options.toleranceSeconds ?? 900)) return unauthorized('stale timestamp');
    } catch {
      return unauthorized('could not verify the signature');
    }
    const parsed = parseJson(body.toString('utf8'));
    if (!parsed.ok || !Array.isArray(parsed.value)) return badRequest('body is not a JSON array of events');
    const events: InboundEvent[] = [];
    const ignored: IgnoredNotice[] = [];
    for (const value of parsed.value.slice(0, 10_000)) {
      const item = asRecord(value);
      const outcome = item ? outcomeOf(item, options.addresses) : { ignored: ignoredEvent('sendgrid', 'an event that is not an object') };
      if (outcome.event) events.push(outcome.event);
      else ignored.push(outcome.ignored);
    }
    return { status: 'ok', events, ignored };
  };
}
