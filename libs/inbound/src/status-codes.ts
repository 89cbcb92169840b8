import type { BounceCategory } from './events.js';

/** An RFC 3463 code: class, subject (0 to 7 are registered), detail; not part of a longer dotted number. */
export const ENHANCED_STATUS = '[245]\\.[0-7]\\.\\d{1,3}(?!\\.?\\d)';

const FIRST_ENHANCED_STATUS = new RegExp(`(?<![\\d.])(${ENHANCED_STATUS})`);

/** An RFC 3463 enhanced status code in `value` (`5.1.1`, `4.4.7`, `5.1.10`), or undefined. */
export function enhancedStatus(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return FIRST_ENHANCED_STATUS.exec(value)?.[1];
}

/** The first digit of an SMTP reply in a Diagnostic-Code such as `smtp; 550-5.1.1 …` or `SMTP; 452 …`. */
export function smtpReplyClass(diagnostic: string | undefined): '2' | '4' | '5' | undefined {
  if (!diagnostic) return undefined;
  const match = /^\s*(?:[a-z-]+\s*;\s*)?#?([245])\d\d(?![\d.])/i.exec(diagnostic);
  return match?.[1] as '2' | '4' | '5' | undefined;
}

/** What a status code's subject digit says failed (RFC 3463 §3). */
export function bounceCategory(status: string | undefined): BounceCategory {
  if (!status) return 'unknown';
  const [, subject, detail] = status.split('.');
  switch (subject) {
    case '1':
      return 'address';
    case '2':
      return detail === '2' ? 'mailbox-full' : 'mailbox';
    case '3':
      return 'mail-system';
    case '4':
      return 'network';
    case '5':
      return 'protocol';
    case '6':
      return 'content';
    case '7':
      return 'policy';
    default:
      return 'unknown';
  }
}
