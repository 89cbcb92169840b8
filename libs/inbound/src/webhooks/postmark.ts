import type { IgnoredNotice, InboundEvent } from '../events.js';
import type { InboundAddresses } from '../inbound-addresses.js';
import { asRecord, asString, badRequest, bodyBytes, dateOf, hasTarget, header, ignoredEvent, MAX_WEBHOOK_BODY_BYTES, METADATA_KEY, parseJson, providerBounce, providerTarget, safeEqual, unauthorized, type JsonRecord, type WebhookResult, type WebhookVerifier } from './webhook-result.js';

export interface PostmarkWebhookOptions {
  /** POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD: the basic auth credentials in the webhook URL set in Postmark. */
  username: string;
  password: string;
  addresses: InboundAddresses;
}

// Postmark bounce types (https://postmarkapp.com/developer/api/bounce-api#bounce-types) by what they mean for the reader.
const PERMANENT = new Set(['HardBounce', 'BadEmailAddress']);
const TRANSIENT = new Set(['Transient', 'SoftBounce', 'DnsError', 'Blocked']);

function authorized(authorization: string | undefined, options: PostmarkWebhookOptions): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1000})\s*$/i.exec(authorization ?? '');
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  // Both compared, in constant time, whatever the first one says.
  const user = safeEqual(colon < 0 ? '' : decoded.slice(0, colon), options.username);
  const password = safeEqual(colon < 0 ? '' : decoded.slice(colon + 1), options.password);
  return Boolean(match) && colon >= 0 && user && password;
}

function recordEvents(record: JsonRecord, addresses: InboundAddresses): { events: InboundEvent[]; ignored: IgnoredNotice[] } {
  const type = asString(record.RecordType);
  const metadata = asRecord(record.Metadata);
  const facts = { recipient: asString(record.Email) ?? asString(record.Recipient), deliveryToken: metadata?.[METADATA_KEY] };
  const target = providerTarget(addresses, facts);
  const occurredAt = dateOf(record.BouncedAt ?? record.ChangedAt);
  const base = { source: 'postmark' as const, target, ...(occurredAt ? { occurredAt } : {}) };
  const nothing = (detail: string) => ({ events: [], ignored: [ignoredEvent('postmark', detail)] });
  if (!hasTarget(target)) return nothing(`${type ?? 'record'} without a recipient`);

  if (type === 'Bounce' || type === 'SpamComplaint') {
    const bounceType = asString(record.Type) ?? '';
    if (!asString(record.ID)) return nothing(`${type} without an ID`);
    const eventId = `postmark:${type}:${asString(record.ID)}`;
    if (type === 'SpamComplaint' || bounceType === 'SpamComplaint') return { events: [{ ...base, type: 'complaint', eventId, feedbackType: 'abuse', reporter: 'Postmark' }], ignored: [] };
    if (bounceType === 'Unsubscribe') return { events: [{ ...base, type: 'unsubscribe', eventId, method: 'provider' }], ignored: [] };
    const severity = PERMANENT.has(bounceType) ? 'permanent' : TRANSIENT.has(bounceType) ? 'transient' : null;
    if (!severity) return nothing(`Bounce of type ${bounceType}`);
    return { events: [providerBounce({ ...base, eventId }, severity, { diagnostic: record.Details })], ignored: [] };
  }
  if (type === 'SubscriptionChange') {
    if (record.SuppressSending !== true) return nothing('SubscriptionChange that reactivates');
    const eventId = `postmark:SubscriptionChange:${asString(record.MessageID) ?? ''}:${facts.recipient ?? ''}:${asString(record.ChangedAt) ?? ''}`;
    const reason = asString(record.SuppressionReason);
    if (reason === 'HardBounce') return { events: [providerBounce({ ...base, eventId }, 'permanent', {})], ignored: [] };
    if (reason === 'SpamComplaint') return { events: [{ ...base, type: 'complaint', eventId, feedbackType: 'abuse', reporter: 'Postmark' }], ignored: [] };
    return { events: [{ ...base, type: 'unsubscribe', eventId, method: 'provider' }], ignored: [] };
  }
  return nothing(`RecordType ${type ?? 'missing'}`);
}

/**
 * Postmark's bounce, spam complaint and subscription change webhooks, authenticated by the basic
 * auth credentials of the webhook URL (compared in constant time). One record per request.
 */
export function createPostmarkWebhook(options: PostmarkWebhookOptions): WebhookVerifier {
  if (!options.username || !options.password || options.username.includes(':')) throw new RangeError('Postmark webhook: a user name (without ":") and a password are required');
  return async (request): Promise<WebhookResult> => {
    try {
      if (!authorized(header(request, 'authorization'), options)) return unauthorized('wrong or missing basic auth credentials');
      const body = bodyBytes(request);
      if (body.length > MAX_WEBHOOK_BODY_BYTES) return badRequest('body too large');
      const parsed = parseJson(body.toString('utf8'));
      const record = parsed.ok ? asRecord(parsed.value) : undefined;
      if (!record) return badRequest('body is not a JSON object');
      return { status: 'ok', ...recordEvents(record, options.addresses) };
    } catch {
      return badRequest('unreadable request');
    }
  };
}
