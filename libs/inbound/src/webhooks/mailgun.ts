import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IgnoredNotice, InboundEvent } from '../events.js';
import type { InboundAddresses } from '../inbound-addresses.js';
import { asRecord, asString, badRequest, bodyBytes, dateOf, freshTimestamp, hasTarget, ignoredEvent, MAX_WEBHOOK_BODY_BYTES, METADATA_KEY, parseJson, providerBounce, providerTarget, unauthorized, type JsonRecord, type WebhookResult, type WebhookVerifier } from './webhook-result.js';

/**
 * Mailgun signs timestamp and token only, not the event: a captured signature could carry another
 * event within the tolerance. So a token may come back only with the event it first came with (a
 * retry). Several processes should share one guard (Redis: SET token eventId NX EX ttl, then
 * compare); the default remembers tokens in this process only.
 */
export interface MailgunTokenGuard {
  /** True if `token` is new, or was first seen with this same `eventId`. */
  claim(token: string, eventId: string, ttlSeconds: number): Promise<boolean>;
}

export class MemoryTokenGuard implements MailgunTokenGuard {
  private readonly seen = new Map<string, { eventId: string; until: number }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async claim(token: string, eventId: string, ttlSeconds: number): Promise<boolean> {
    const now = this.now().getTime();
    // Oldest first (insertion order): drop the expired, and the oldest beyond 100,000 tokens.
    for (const [key, entry] of this.seen) {
      if (entry.until > now && this.seen.size < 100_000) break;
      this.seen.delete(key);
    }
    const entry = this.seen.get(token);
    if (entry && entry.until > now) return entry.eventId === eventId;
    this.seen.set(token, { eventId, until: now + ttlSeconds * 1000 });
    return true;
  }
}

export interface MailgunWebhookOptions {
  /** MAILGUN_WEBHOOK_SIGNING_KEY: the "HTTP webhook signing key" of the Mailgun account. */
  signingKey: string;
  addresses: InboundAddresses;
  /** How far the signed timestamp may be from now (replays older than this are refused). Default 900 s. */
  toleranceSeconds?: number;
  tokenGuard?: MailgunTokenGuard;
  now?: () => Date;
}

const toleranceOf = (options: MailgunWebhookOptions) => options.toleranceSeconds ?? 900;

function verified(signature: JsonRecord | undefined, options: MailgunWebhookOptions): string | null {
  const timestamp = asString(signature?.timestamp);
  const token = asString(signature?.token);
  const given = asString(signature?.signature);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !token || token.length > 256 || !given || !/^[0-9a-f]{64}$/i.test(given)) return 'missing or malformed signature';
  const expected = createHmac('sha256', options.signingKey).update(timestamp + token).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'bad signature';
  if (!freshTimestamp(Number(timestamp), options.now?.() ?? new Date(), toleranceOf(options))) return 'stale timestamp';
  return null;
}

function eventsOf(data: JsonRecord, addresses: InboundAddresses): { events: InboundEvent[]; ignored: IgnoredNotice[] } {
  const kind = asString(data.event);
  const message = asRecord(data.message);
  const headers = asRecord(message?.headers);
  const target = providerTarget(addresses, {
    recipient: asString(data.recipient),
    deliveryToken: asRecord(data['user-variables'])?.[METADATA_KEY],
    messageId: asString(headers?.['message-id']),
  });
  const eventId = `mailgun:${asString(data.id) ?? ''}`;
  const occurredAt = dateOf(data.timestamp);
  const base = { source: 'mailgun' as const, eventId, target, ...(occurredAt ? { occurredAt } : {}) };
  const nothing = (detail: string) => ({ events: [], ignored: [ignoredEvent('mailgun', detail)] });
  if (!asString(data.id) || !hasTarget(target)) return nothing(`${kind ?? 'event'} without an id or a recipient`);
  if (kind === 'failed') {
    const severity = data.severity === 'permanent' ? 'permanent' : data.severity === 'temporary' ? 'transient' : null;
    if (!severity) return nothing(`failed event of severity ${asString(data.severity) ?? 'missing'}`);
    const status = asRecord(data['delivery-status']);
    const diagnostic = [asString(status?.code), asString(status?.message) ?? asString(status?.description)].filter(Boolean).join(' ');
    return { events: [providerBounce(base, severity, { status: status?.['enhanced-code'], diagnostic })], ignored: [] };
  }
  if (kind === 'complained') return { events: [{ ...base, type: 'complaint', feedbackType: 'unspecified', reporter: 'Mailgun' }], ignored: [] };
  if (kind === 'unsubscribed') return { events: [{ ...base, type: 'unsubscribe', method: 'provider' }], ignored: [] };
  return nothing(`event ${kind ?? 'missing'}`);
}

/**
 * Mailgun's webhooks: the signature is HMAC-SHA256 of timestamp + token with the webhook signing
 * key, inside the JSON body; a timestamp outside the tolerance is a replay. A body without a valid
 * signature is unauthorized, however malformed.
 */
export function createMailgunWebhook(options: MailgunWebhookOptions): WebhookVerifier {
  if (!options.signingKey) throw new RangeError('Mailgun webhook: the signing key is required');
  const guard = options.tokenGuard ?? new MemoryTokenGuard(options.now);
  const tolerance = toleranceOf(options);
  return async (request): Promise<WebhookResult> => {
    try {
      const body = bodyBytes(request);
      if (body.length > MAX_WEBHOOK_BODY_BYTES) return badRequest('body too large');
      const parsed = parseJson(body.toString('utf8'));
      const payload = parsed.ok ? asRecord(parsed.value) : undefined;
      const refusal = verified(asRecord(payload?.signature), options);
      if (refusal || !payload) return unauthorized(refusal ?? 'no signature');
      const data = asRecord(payload['event-data']);
      // Twice the tolerance: a token is refused for as long as its timestamp could pass.
      if (!(await guard.claim(asString(asRecord(payload.signature)?.token) ?? '', asString(data?.id) ?? '', 2 * tolerance))) return unauthorized('token already used for another event');
      if (!data) return badRequest('no event-data');
      return { status: 'ok', ...eventsOf(data, options.addresses) };
    } catch {
      return unauthorized('could not verify the request');
    }
  };
}
