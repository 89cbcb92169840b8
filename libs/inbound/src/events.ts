// The typed outcomes of inbound mail and provider webhooks. The SMTP receiver and every webhook
// verifier produce the same events, so one handler applies them whichever way they arrived.

/** What a VERP return path names: one digest delivery, or one confirmation email. */
export type DeliveryRef =
  | { kind: 'digest'; subscriberId: string; editionDate: string }
  | {
      kind: 'confirmation';
      subscriberId: string;
      /** The number of the confirmation request the email was sent for (the confirm token's generation). */
      request: number;
    };

/** What an `unsubscribe+<token>` address names: a subscriber, at the link generation it was issued with. */
export interface UnsubscribeRef {
  subscriberId: string;
  generation: number;
}

export type EventSource = 'smtp' | 'ses' | 'postmark' | 'mailgun' | 'sendgrid';

/**
 * Everything an event says about whom it concerns. Each field is separate evidence; use the first
 * one present, in this order (see the README):
 * 1. `delivery`: a verified token (the VERP address the report reached, or the provider metadata).
 * 2. `unsubscribe`: a verified `unsubscribe+` token (found in the returned original's List-Unsubscribe).
 * 3. `unsubscribeLinkToken`: the https List-Unsubscribe link's token, NOT verified here
 *    (open it with `SubscriberLinks.open(token, 'unsubscribe')`).
 * 4. `messageId`: the original's Message-ID, to look up in `deliveries.message_id`.
 * 5. `recipient`, only when `recipientAuthenticated` (a signed provider webhook). Mail content is
 *    written by whoever sends it, so a recipient address read from a message is never enough.
 */
export interface EventTarget {
  delivery?: DeliveryRef;
  unsubscribe?: UnsubscribeRef;
  unsubscribeLinkToken?: string;
  messageId?: string;
  recipient?: string;
  recipientAuthenticated: boolean;
}

interface EventBase {
  source: EventSource;
  /** Stable per event: the provider's event id, or for mail a hash of the message and its recipient. Make handling idempotent on it. */
  eventId: string;
  target: EventTarget;
  /** When the provider says it happened, if it says. */
  occurredAt?: Date;
}

/**
 * What an RFC 3463 status code says failed (its subject digit): informational, the severity alone
 * decides what to do.
 */
export type BounceCategory = 'address' | 'mailbox-full' | 'mailbox' | 'mail-system' | 'network' | 'protocol' | 'content' | 'policy' | 'unknown';

export interface BounceEvent extends EventBase {
  type: 'bounce';
  /** permanent: 5.x.x (suppress); transient: 4.x.x or a delay (count). */
  severity: 'permanent' | 'transient';
  /** RFC 3463 enhanced status such as `5.1.1`, when known. */
  status?: string;
  /** The remote server's words, e.g. `smtp; 550 5.1.1 user unknown` (at most 1000 characters). */
  diagnosticCode?: string;
  action?: 'failed' | 'delayed';
  category: BounceCategory;
  /** How it was recognised: an RFC 3464 report, words in a non-standard bounce, or a provider's event. */
  evidence: 'dsn' | 'heuristic' | 'provider';
}

export interface ComplaintEvent extends EventBase {
  type: 'complaint';
  /** ARF Feedback-Type (`abuse`, `fraud`, `virus`, `other`), or the provider's; `unspecified` when not given. */
  feedbackType: string;
  /** Who reported it (ARF User-Agent or the provider), for logs. */
  reporter?: string;
}

export interface UnsubscribeEvent extends EventBase {
  type: 'unsubscribe';
  /** mailto: a message to the `unsubscribe+` address; provider: the provider's own unsubscribe link or list. */
  method: 'mailto' | 'provider';
  /** The envelope sender or From of the mailto message, for logs only. */
  from?: string;
}

export type InboundEvent = BounceEvent | ComplaintEvent | UnsubscribeEvent;

export type IgnoreReason =
  | 'autoreply'
  | 'read-receipt'
  | 'delivered'
  | 'not-a-complaint'
  | 'unrecognized'
  | 'unparseable'
  | 'no-target'
  | 'uninteresting-event';

/** A message or provider event that leads to nothing, with why: for logs and counters. */
export interface IgnoredNotice {
  source: EventSource;
  reason: IgnoreReason;
  detail?: string;
}

/** Where the receiver delivers what it understood. */
export interface InboundEventHandler {
  /**
   * Apply one event. Resolve once it is durably recorded: the SMTP receiver answers 250 only after
   * every event of a message is handled, and 451 (the sender retries later) if this rejects.
   * Idempotent on `eventId`: a retried message or webhook brings the same event again.
   */
  handle(event: InboundEvent): Promise<void>;
  /** Told about what was accepted but leads to nothing. Errors here are ignored. */
  ignored?(notice: IgnoredNotice): void;
}

