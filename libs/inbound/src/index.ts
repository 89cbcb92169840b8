// @app/inbound: what comes back after the 250. VERP addresses and their tokens, the inbound SMTP
// receiver, the reading of DSNs, ARF complaints and prose bounces, and the provider webhooks; all
// give the same typed events (events.ts). No database here: the caller's InboundEventHandler
// applies the events.
export type { BounceCategory, BounceEvent, ComplaintEvent, DeliveryRef, EventSource, EventTarget, IgnoredNotice, IgnoreReason, InboundEvent, InboundEventHandler, UnsubscribeEvent, UnsubscribeRef } from './events.js';
export { InboundAddresses, type InboundAddressesOptions, type RecognizedAddress } from './inbound-addresses.js';
export { VERP_TOKEN_LENGTH, VerpTokens } from './verp-tokens.js';
export { InboundSmtpReceiver, type InboundLog, type InboundSmtpReceiverOptions } from './smtp-receiver.js';
export { analyzeMessage, type MessageAnalysis, type Verdict } from './analyze-message.js';
export { mailEventId, outcomeForRecipient, type RecipientOutcome } from './message-events.js';
export { createSesWebhook, type SesWebhookOptions } from './webhooks/ses.js';
export { SnsHostAllowlist } from './webhooks/sns-signature.js';
export { createPostmarkWebhook, type PostmarkWebhookOptions } from './webhooks/postmark.js';
export { createMailgunWebhook, MemoryTokenGuard, type MailgunTokenGuard, type MailgunWebhookOptions } from './webhooks/mailgun.js';
export { createSendgridWebhook, SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER, type SendgridWebhookOptions } from './webhooks/sendgrid.js';
export { METADATA_KEY, trackingHeaders, type WebhookRequest, type WebhookResult, type WebhookVerifier } from './webhooks/webhook-result.js';
