import { fieldGroups, fieldValue, typedAddress, type Field } from './field-blocks.js';
import { enhancedStatus, smtpReplyClass } from './status-codes.js';

/** One per-recipient block of an RFC 3464 message/delivery-status part. */
export interface RecipientStatus {
  finalRecipient?: string;
  originalRecipient?: string;
  /** Lower case: failed, delayed, delivered, relayed, expanded (or whatever the reporter wrote). */
  action?: string;
  /** The enhanced status code, if the Status field holds one. */
  status?: string;
  diagnosticCode?: string;
  remoteMta?: string;
}

export interface DeliveryStatusReport {
  reportingMta?: string;
  recipients: RecipientStatus[];
}

const MAX_RECIPIENTS = 100;

/**
 * The Status field's code; when it is cut short or missing, the Diagnostic-Code's; and when it only
 * says `5.0.0` (as Exim writes), the remote server's more precise code of the same class.
 */
function recipientCode(status: string | undefined, diagnostic: string | undefined): string | undefined {
  if (!status) return diagnostic;
  if (diagnostic && status.endsWith('.0.0') && diagnostic[0] === status[0]) return diagnostic;
  return status;
}

function recipientStatus(group: readonly Field[]): RecipientStatus {
  const diagnosticCode = fieldValue(group, 'diagnostic-code')?.slice(0, 1000);
  return {
    finalRecipient: typedAddress(fieldValue(group, 'final-recipient')),
    originalRecipient: typedAddress(fieldValue(group, 'original-recipient')),
    action: fieldValue(group, 'action')?.toLowerCase().split(/[\s(;]/)[0] || undefined,
    status: recipientCode(enhancedStatus(fieldValue(group, 'status')), enhancedStatus(diagnosticCode)),
    diagnosticCode,
    remoteMta: typedAddress(fieldValue(group, 'remote-mta')),
  };
}

/**
 * Reads a message/delivery-status body: the per-message block, then one block per recipient. A
 * block counts as a recipient's when it has Final-Recipient, Action or Status, wherever it stands
 * (some reporters omit the per-message block or the blank line after it).
 */
export function parseDeliveryStatus(text: string): DeliveryStatusReport {
  const groups = fieldGroups(text);
  const isRecipient = (g: readonly Field[]) => g.some((f) => f.name === 'final-recipient' || f.name === 'action' || f.name === 'status');
  return {
    reportingMta: typedAddress(groups.map((g) => fieldValue(g, 'reporting-mta')).find(Boolean)),
    recipients: groups.filter(isRecipient).slice(0, MAX_RECIPIENTS).map(recipientStatus),
  };
}

export type Severity = 'permanent' | 'transient';

/**
 * The delivery rules for one recipient's report: delivered, relayed and expanded are not failures;
 * delayed is transient; otherwise the status class decides (5 permanent, 4 transient, 2 nothing),
 * then the SMTP reply in the Diagnostic-Code; a `failed` with no code at all is permanent, as the
 * reporter says it gave up.
 */
export function recipientSeverity(recipient: RecipientStatus): Severity | null {
  const action = recipient.action;
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return null;
  if (action === 'delayed') return 'transient';
  const statusClass = recipient.status?.[0] ?? smtpReplyClass(recipient.diagnosticCode);
  if (statusClass === '5') return 'permanent';
  if (statusClass === '4') return 'transient';
  if (statusClass === '2') return null;
  return action === 'failed' ? 'permanent' : null;
}

/** The recipient a report is about, most severe first (a permanent failure outranks a delay). */
export function worstRecipient(report: DeliveryStatusReport): { recipient: RecipientStatus; severity: Severity } | null {
  let worst: { recipient: RecipientStatus; severity: Severity } | null = null;
  for (const recipient of report.recipients) {
    const severity = recipientSeverity(recipient);
    if (severity === 'permanent') return { recipient, severity };
    if (severity && !worst) worst = { recipient, severity };
  }
  return worst;
}
