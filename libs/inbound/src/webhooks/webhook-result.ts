import { createHash, timingSafeEqual } from 'node:crypto';
import type { BounceEvent, EventSource, EventTarget, IgnoredNotice, InboundEvent } from '../events.js';
import { messageIdValue, type Field } from '../field-blocks.js';
import type { InboundAddresses } from '../inbound-addresses.js';
import { cluesFromFields } from '../original-clues.js';
import { bounceCategory, enhancedStatus } from '../status-codes.js';

/** What the HTTP layer hands a verifier: the raw body (signatures cover its bytes) and the headers. */
export interface WebhookRequest {
  /** Header names in any case (Node gives them lower case). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer | string;
}

/**
 * What a verifier found. HTTP: `ok` → 200 once the events are handled; `subscription-confirmation`
 * → GET `subscribeUrl` (SNS then starts posting), 200; `unauthorized` → 401 and nothing else;
 * `bad-request` → 400 (signed, but not something we can read).
 */
export type WebhookResult =
  | { status: 'ok'; events: InboundEvent[]; ignored: IgnoredNotice[] }
  | { status: 'subscription-confirmation'; subscribeUrl: string; topicArn: string }
  | { status: 'unauthorized'; reason: string }
  | { status: 'bad-request'; reason: string };

export type WebhookVerifier = (request: WebhookRequest) => Promise<WebhookResult>;

/** A provider's delivery-status webhook body larger than this is refused unread. */
export const MAX_WEBHOOK_BODY_BYTES = 5 * 1024 * 1024;

export const unauthorized = (reason: string): WebhookResult => ({ status: 'unauthorized', reason });
export const badRequest = (reason: string): WebhookResult => ({ status: 'bad-request', reason });

export function header(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export const bodyBytes = (request: WebhookRequest): Buffer => (Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body), 'utf8'));

// Strings are matched first, so digits inside them are left alone; outside, an integer of 16 digits
// or more (beyond what a double holds exactly) becomes a string.
const BIG_INTEGERS = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d{16,}(?![.\deE])/g;

/**
 * JSON.parse, except that integers too large for a double stay exact, as strings: Postmark's
 * event ids are 64-bit, and two rounded to the same double would pass for one event.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.replace(BIG_INTEGERS, (token) => (token.startsWith('"') ? token : `"${token}"`))) };
  } catch {
    return { ok: false };
  }
}

export type JsonRecord = Record<string, unknown>;
export const asRecord = (value: unknown): JsonRecord | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined);
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined);

/** Constant-time equality of two strings of any lengths (compares their hashes). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Within `toleranceSeconds` of now: stale (replayed) or far-future timestamps are refused. */
export function freshTimestamp(seconds: number, now: Date, toleranceSeconds: number): boolean {
  return Number.isFinite(seconds) && Math.abs(now.getTime() / 1000 - seconds) <= toleranceSeconds;
}

export const dateOf = (value: unknown): Date | undefined => {
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
};

/** Key of the provider metadata that carries a delivery's return-path token (see `trackingHeaders`). */
export const METADATA_KEY = 'paperboy';

/**
 * Headers that make a provider hand a delivery's token back in its webhook events (as a message tag,
 * metadata, user variable or custom argument), so an event names its delivery, not only an address.
 * `token` is `InboundAddresses.deliveryToken(delivery)`. SES returns tags in event-publishing
 * (configuration set) notifications only.
 */
export function trackingHeaders(provider: 'ses' | 'postmark' | 'mailgun' | 'sendgrid', token: string): Record<string, string> {
  switch (provider) {
    case 'ses':
      return { 'X-SES-MESSAGE-TAGS': `${METADATA_KEY}=${token}` };
    case 'postmark':
      return { [`X-PM-Metadata-${METADATA_KEY}`]: token };
    case 'mailgun':
      return { 'X-Mailgun-Variables': JSON.stringify({ [METADATA_KEY]: token }) };
    case 'sendgrid':
      return { 'X-SMTPAPI': JSON.stringify({ unique_args: { [METADATA_KEY]: token } }) };
  }
}

export interface ProviderEventFacts {
  recipient?: string;
  /** The metadata value under METADATA_KEY, if any. */
  deliveryToken?: unknown;
  messageId?: string;
  /** The original's headers, if the provider includes them. */
  headers?: readonly Field[];
}

/** The target of a provider's event: its recipient is authenticated (the provider signed it). */
export function providerTarget(addresses: InboundAddresses, facts: ProviderEventFacts): EventTarget {
  const clues = facts.headers ? cluesFromFields(facts.headers, addresses) : {};
  const delivery = addresses.openDeliveryToken(facts.deliveryToken) ?? clues.delivery;
  const messageId = messageIdValue(facts.messageId) ?? clues.messageId;
  const recipient = facts.recipient?.trim();
  return {
    ...(delivery ? { delivery } : {}),
    ...(clues.unsubscribe ? { unsubscribe: clues.unsubscribe } : {}),
    ...(clues.unsubscribeLinkToken ? { unsubscribeLinkToken: clues.unsubscribeLinkToken } : {}),
    ...(messageId ? { messageId } : {}),
    ...(recipient ? { recipient } : {}),
    recipientAuthenticated: Boolean(recipient),
  };
}

export const ignoredEvent = (source: EventSource, detail: string): IgnoredNotice => ({ source, reason: 'uninteresting-event', detail: detail.slice(0, 200) });

/** An event without a recipient or anything else to go by is no use to anyone. */
export const hasTarget = (target: EventTarget) => Boolean(target.delivery || target.unsubscribe || target.unsubscribeLinkToken || target.messageId || target.recipient);

export type EventBase = Pick<BounceEvent, 'source' | 'eventId' | 'target' | 'occurredAt'>;

/**
 * A provider's bounce: the status is the first enhanced code found in `status` (the provider's
 * own field) or else in the diagnostic (the remote server's words).
 */
export function providerBounce(base: EventBase, severity: BounceEvent['severity'], facts: { status?: unknown; diagnostic?: unknown; action?: BounceEvent['action'] }): BounceEvent {
  const diagnostic = asString(facts.diagnostic)?.slice(0, 1000) || undefined;
  const status = enhancedStatus(asString(facts.status)) ?? enhancedStatus(diagnostic);
  return {
    ...base,
    type: 'bounce',
    severity,
    evidence: 'provider',
    category: bounceCategory(status),
    ...(status ? { status } : {}),
    ...(diagnostic ? { diagnosticCode: diagnostic } : {}),
    ...(facts.action ? { action: facts.action } : {}),
  };
}
