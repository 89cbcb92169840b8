import type { IgnoredNotice, InboundEvent } from '../events.js';
import type { Field } from '../field-blocks.js';
import type { InboundAddresses } from '../inbound-addresses.js';
import { SnsCertificateCache, SnsHostAllowlist, snsSignatureValid, type CertificateFetcher } from './sns-signature.js';
import { asRecord, asString, badRequest, bodyBytes, dateOf, hasTarget, ignoredEvent, MAX_WEBHOOK_BODY_BYTES, METADATA_KEY, parseJson, providerBounce, providerTarget, unauthorized, type EventBase, type JsonRecord, type WebhookResult, type WebhookVerifier } from './webhook-result.js';

export interface SesWebhookOptions {
  /** SES_SNS_TOPIC_ARNS: the SNS topics allowed to post here. Required: anyone can create a topic and have SNS sign for it. */
  topicArns: readonly string[];
  /** SNS_CERT_HOSTS: see SnsHostAllowlist; default, the SNS host of the topic's region. */
  certHosts?: readonly string[];
  addresses: InboundAddresses;
  /** Older messages are refused (SNS retries for hours at most; a replayed old message is not news). Default 7 days. */
  maxAgeSeconds?: number;
  /** Test seam; the default fetches with a timeout and a size limit. */
  fetchCertificate?: CertificateFetcher;
  now?: () => Date;
}

type Outcome = { events: InboundEvent[]; ignored: IgnoredNotice[] };

function headerFieldsOf(mail: JsonRecord | undefined): Field[] {
  const headers = Array.isArray(mail?.headers) ? mail.headers : [];
  return headers
    .slice(0, 500)
    .map(asRecord)
    .map((h) => ({ name: asString(h?.name)?.toLowerCase() ?? '', value: asString(h?.value)?.slice(0, 2000) ?? '' }))
    .filter((h) => h.name);
}

/** The SES notification (or event publishing record) inside an SNS Notification's Message. */
function sesEvents(notification: JsonRecord, snsMessageId: string, addresses: InboundAddresses): Outcome {
  const kind = asString(notification.notificationType) ?? asString(notification.eventType);
  const mail = asRecord(notification.mail);
  const headers = headerFieldsOf(mail);
  const tags = asRecord(mail?.tags);
  const tag = Array.isArray(tags?.[METADATA_KEY]) ? (tags[METADATA_KEY] as unknown[])[0] : undefined;
  const commonHeaders = asRecord(mail?.commonHeaders);
  const targetFor = (recipient: string | undefined) =>
    providerTarget(addresses, { recipient, deliveryToken: tag, headers, messageId: headers.length ? undefined : asString(commonHeaders?.messageId) });
  const recipients = (list: unknown) => (Array.isArray(list) ? list.slice(0, 100).map(asRecord).filter((r): r is JsonRecord => Boolean(r)) : []);
  const events: InboundEvent[] = [];
  const ignored: IgnoredNotice[] = [];
  const each = (items: JsonRecord[], feedbackId: string, make: (item: JsonRecord, base: EventBase) => InboundEvent, occurredAt?: Date) => {
    for (const item of items) {
      const recipient = asString(item.emailAddress);
      const target = targetFor(recipient);
      if (!hasTarget(target)) {
        ignored.push(ignoredEvent('ses', `${kind} recipient without an address`));
        continue;
      }
      events.push(make(item, { source: 'ses', eventId: `ses:${feedbackId}:${recipient ?? ''}`, target, ...(occurredAt ? { occurredAt } : {}) }));
    }
  };

  if (kind === 'Bounce') {
    const bounce = asRecord(notification.bounce);
    const bounceType = asString(bounce?.bounceType);
    // Undetermined: SES could not tell; counted like a transient one, never suppressing at once.
    const severity = bounceType === 'Permanent' ? 'permanent' : 'transient';
    each(
      recipients(bounce?.bouncedRecipients),
      asString(bounce?.feedbackId) ?? snsMessageId,
      (item, base) => providerBounce(base, severity, { status: item.status, diagnostic: item.diagnosticCode, action: item.action === 'failed' ? 'failed' : undefined }),
      dateOf(bounce?.timestamp),
    );
  } else if (kind === 'Complaint') {
    const complaint = asRecord(notification.complaint);
    const feedbackType = asString(complaint?.complaintFeedbackType)?.toLowerCase() ?? 'unspecified';
    if (feedbackType === 'not-spam') return { events, ignored: [{ source: 'ses', reason: 'not-a-complaint', detail: 'complaintFeedbackType: not-spam' }] };
    each(
      recipients(complaint?.complainedRecipients),
      asString(complaint?.feedbackId) ?? snsMessageId,
      (_item, base) => ({ ...base, type: 'complaint', feedbackType, reporter: asString(complaint?.userAgent) ?? 'Amazon SES' }),
      dateOf(complaint?.timestamp),
    );
  } else if (kind === 'DeliveryDelay') {
    const delay = asRecord(notification.deliveryDelay);
    each(
      recipients(delay?.delayedRecipients),
      snsMessageId,
      (item, base) => providerBounce(base, 'transient', { status: item.status, diagnostic: item.diagnosticCode, action: 'delayed' }),
      dateOf(delay?.timestamp),
    );
  } else {
    ignored.push(ignoredEvent('ses', `notification ${kind ?? 'of no type'}`));
  }
  return { events, ignored };
}

/**
 * Amazon SES notifications through SNS. Checks, in order: the TopicArn is one of ours; the
 * SigningCertURL's host is allowed (https, `.pem`); the signature (SignatureVersion 1 or 2) verifies
 * with that certificate (fetched once, cached). Then a SubscriptionConfirmation gives back the
 * SubscribeURL to visit (its host checked the same way), and a Notification its SES bounces,
 * complaints and delays.
 */
export function createSesWebhook(options: SesWebhookOptions): WebhookVerifier {
  if (!options.topicArns.length) throw new RangeError('SES webhook: at least one SNS topic ARN is required');
  const topics = new Set(options.topicArns);
  const hosts = new SnsHostAllowlist(options.certHosts);
  const certificates = new SnsCertificateCache(options.fetchCertificate, undefined, options.now);

  return async (request): Promise<WebhookResult> => {
    const body = bodyBytes(request);
    if (body.length > MAX_WEBHOOK_BODY_BYTES) return badRequest('body too large');
    const parsed = parseJson(body.toString('utf8'));
    const message = parsed.ok ? asRecord(parsed.value) : undefined;
    if (!message) return unauthorized('not an SNS message');
    const topicArn = asString(message.TopicArn) ?? '';
    if (!topics.has(topicArn)) return unauthorized('topic not allowed');
    let certificateUrl: URL;
    try {
      certificateUrl = new URL(asString(message.SigningCertURL) ?? '');
    } catch {
      return unauthorized('no signing certificate URL');
    }
    if (!hosts.allows(certificateUrl, topicArn) || !certificateUrl.pathname.endsWith('.pem')) return unauthorized('signing certificate host not allowed');
    try {
      if (!snsSignatureValid(message, await certificates.key(certificateUrl))) return unauthorized('bad signature');
    } catch {
      return unauthorized('could not verify the signature');
    }
    const sent = Date.parse(asString(message.Timestamp) ?? '');
    if (!Number.isFinite(sent) || (options.now?.() ?? new Date()).getTime() - sent > (options.maxAgeSeconds ?? 7 * 86400) * 1000) return unauthorized('message too old');

    try {
      const type = asString(message.Type);
      if (type === 'SubscriptionConfirmation') {
        let subscribeUrl: URL;
        try {
          subscribeUrl = new URL(asString(message.SubscribeURL) ?? '');
        } catch {
          return badRequest('no SubscribeURL');
        }
        if (!hosts.allows(subscribeUrl, topicArn)) return badRequest('SubscribeURL host not allowed');
        return { status: 'subscription-confirmation', subscribeUrl: subscribeUrl.href, topicArn };
      }
      if (type !== 'Notification') return { status: 'ok', events: [], ignored: [ignoredEvent('ses', `SNS ${type}`)] };
      const inner = parseJson(asString(message.Message) ?? '');
      const notification = inner.ok ? asRecord(inner.value) : undefined;
      if (!notification) return badRequest('Message is not an SES notification');
      return { status: 'ok', ...sesEvents(notification, asString(message.MessageId) ?? '', options.addresses) };
    } catch {
      return badRequest('unreadable notification');
    }
  };
}
