import { createHash } from 'node:crypto';
import type { MessageAnalysis } from './analyze-message.js';
import type { EventTarget, IgnoredNotice, InboundEvent } from './events.js';
import type { RecognizedAddress } from './inbound-addresses.js';
import { bounceCategory } from './status-codes.js';

export type RecipientOutcome = { event: InboundEvent; ignored?: undefined } | { event?: undefined; ignored: IgnoredNotice };

/** Stable per (message, recipient): a message the sender retries after a 451 brings the same id. */
export const mailEventId = (raw: Buffer, recipient: string) =>
  `smtp:${createHash('sha256').update(recipient.toLowerCase()).update('\n').update(raw).digest('hex').slice(0, 32)}`;

/**
 * What one accepted recipient of an analysed message amounts to. The address decides first: a
 * message to an `unsubscribe+` address unsubscribes whatever it says (the token is the proof); a
 * report to a `bounces+` address concerns the delivery its token names; a report to a report
 * mailbox concerns what the returned original names, and nothing if it names nothing.
 */
export function outcomeForRecipient(analysis: MessageAnalysis, address: RecognizedAddress, eventId: string, envelopeFrom?: string): RecipientOutcome {
  if (address.role === 'unsubscribe') {
    const from = envelopeFrom || analysis.from;
    return { event: { type: 'unsubscribe', method: 'mailto', source: 'smtp', eventId, target: { unsubscribe: address.unsubscribe, recipientAuthenticated: false }, ...(from ? { from } : {}) } };
  }
  const { verdict, clues } = analysis;
  if (verdict.kind === 'ignored') return { ignored: { source: 'smtp', reason: verdict.reason, ...(verdict.detail ? { detail: verdict.detail } : {}) } };
  const target: EventTarget = {
    ...(address.role === 'bounce' ? { delivery: address.delivery } : clues.delivery ? { delivery: clues.delivery } : {}),
    ...(clues.unsubscribe ? { unsubscribe: clues.unsubscribe } : {}),
    ...(clues.unsubscribeLinkToken ? { unsubscribeLinkToken: clues.unsubscribeLinkToken } : {}),
    ...(clues.messageId ? { messageId: clues.messageId } : {}),
    ...((verdict.recipient ?? clues.to) ? { recipient: verdict.recipient ?? clues.to } : {}),
    recipientAuthenticated: false,
  };
  if (!target.delivery && !target.unsubscribe && !target.unsubscribeLinkToken && !target.messageId) {
    return { ignored: { source: 'smtp', reason: 'no-target', detail: `a ${verdict.kind} naming nothing of ours${target.recipient ? ` (says ${target.recipient})` : ''}` } };
  }
  if (verdict.kind === 'complaint') {
    return { event: { type: 'complaint', source: 'smtp', eventId, target, feedbackType: verdict.feedbackType, ...(verdict.reporter ? { reporter: verdict.reporter } : {}) } };
  }
  return {
    event: {
      type: 'bounce',
      source: 'smtp',
      eventId,
      target,
      severity: verdict.severity,
      category: bounceCategory(verdict.status),
      evidence: verdict.evidence,
      ...(verdict.status ? { status: verdict.status } : {}),
      ...(verdict.diagnosticCode ? { diagnosticCode: verdict.diagnosticCode } : {}),
      ...(verdict.action ? { action: verdict.action } : {}),
    },
  };
}
