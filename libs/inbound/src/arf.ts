import { fieldGroups, fieldValue, fieldValues, typedAddress } from './field-blocks.js';

/** The fields of an RFC 5965 message/feedback-report part that matter here. */
export interface FeedbackReport {
  /** Lower case: abuse, fraud, virus, other, not-spam, auth-failure, …; `unspecified` when missing. */
  feedbackType: string;
  userAgent?: string;
  originalMailFrom?: string;
  /** Original-Rcpt-To, and the older drafts' Removal-Recipient (Hotmail, AOL). */
  originalRcptTo: string[];
  reportedDomain?: string;
  sourceIp?: string;
  arrivalDate?: string;
}

/** Reads a message/feedback-report body (one block of fields; blank lines inside are tolerated). */
export function parseFeedbackReport(text: string): FeedbackReport {
  const fields = fieldGroups(text).flat();
  const recipients = [...fieldValues(fields, 'original-rcpt-to'), ...fieldValues(fields, 'removal-recipient')]
    .map(typedAddress)
    .filter((a): a is string => Boolean(a));
  return {
    feedbackType: fieldValue(fields, 'feedback-type')?.toLowerCase().split(/[\s;]/)[0] || 'unspecified',
    userAgent: fieldValue(fields, 'user-agent'),
    originalMailFrom: typedAddress(fieldValue(fields, 'original-mail-from')),
    originalRcptTo: [...new Set(recipients)].slice(0, 20),
    reportedDomain: fieldValue(fields, 'reported-domain'),
    sourceIp: fieldValue(fields, 'source-ip'),
    arrivalDate: fieldValue(fields, 'arrival-date') ?? fieldValue(fields, 'received-date'),
  };
}

/**
 * Feedback types that are a reader's complaint. `not-spam` (RFC 6430) is the opposite, and
 * `auth-failure` (RFC 6591) is a DMARC/DKIM/SPF failure report about the sending domain, not the reader.
 */
export const isComplaint = (feedbackType: string) => feedbackType !== 'not-spam' && feedbackType !== 'auth-failure';

/** Whether free text carries an ARF report written as plain text (some feedback loops do not use the MIME type). */
export const looksLikeFeedbackReport = (text: string) => /^feedback-type:[ \t]*[a-z-]+[ \t]*$/im.test(text) && /^(user-agent|version):/im.test(text);
