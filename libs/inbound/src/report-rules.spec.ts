import { describe, expect, it } from '@jest/globals';
import { isComplaint, parseFeedbackReport } from './arf.js';
import { parseDeliveryStatus, recipientSeverity, worstRecipient } from './dsn.js';
import { classifyProse, isAutoreplyByHeaders, isBounceLike } from './prose-bounces.js';
import { bounceCategory, enhancedStatus } from './status-codes.js';

describe('delivery-status rules (RFC 3464)', () => {
  it.each([
    [{ action: 'failed', status: '5.1.1' }, 'permanent'],
    [{ action: 'failed', status: '4.4.7' }, 'transient'],
    [{ action: 'delayed', status: '4.4.1' }, 'transient'],
    [{ action: 'delayed', status: '5.0.0' }, 'transient'],
    [{ action: 'delivered', status: '2.0.0' }, null],
    [{ action: 'relayed', status: '2.0.0' }, null],
    [{ action: 'expanded', status: '2.0.0' }, null],
    [{ action: 'failed', diagnosticCode: 'smtp; 550 no such user' }, 'permanent'],
    [{ action: 'failed', diagnosticCode: 'smtp; 452 too many recipients' }, 'transient'],
    [{ action: 'failed' }, 'permanent'],
    [{ status: '5.1.1' }, 'permanent'],
    [{}, null],
  ] as const)('%j is %s', (recipient, severity) => {
    expect(recipientSeverity(recipient)).toBe(severity);
  });

  it('reads every recipient, folded lines and any case, with or without the per-message block', () => {
    const report = parseDeliveryStatus(
      'reporting-mta: dns; mx.example\r\n\r\nFINAL-RECIPIENT: rfc822; a@x.example\r\nAction: Delivered\r\nStatus: 2.0.0\r\n\r\nFinal-Recipient: rfc822;<b@x.example>\r\nAction: failed\r\nStatus: 5.2.1 (mailbox disabled)\r\nDiagnostic-Code: smtp; 550 5.2.1\r\n  mailbox disabled\r\n',
    );
    expect(report.reportingMta).toBe('mx.example');
    expect(report.recipients).toEqual([
      { finalRecipient: 'a@x.example', action: 'delivered', status: '2.0.0' },
      { finalRecipient: 'b@x.example', action: 'failed', status: '5.2.1', diagnosticCode: 'smtp; 550 5.2.1 mailbox disabled' },
    ].map((r) => expect.objectContaining(r)));
    expect(worstRecipient(report)?.recipient.finalRecipient).toBe('b@x.example');
    expect(parseDeliveryStatus('Final-Recipient: rfc822; c@x.example\nAction: failed\nStatus: 5.1.1').recipients).toHaveLength(1);
  });

  it('a permanent failure outranks a delay; a delay alone is transient; deliveries alone are nothing', () => {
    const delayedThenFailed = parseDeliveryStatus('\nFinal-Recipient: rfc822; a@x\nAction: delayed\nStatus: 4.4.1\n\nFinal-Recipient: rfc822; b@x\nAction: failed\nStatus: 5.1.1\n');
    expect(worstRecipient(delayedThenFailed)).toMatchObject({ severity: 'permanent', recipient: { finalRecipient: 'b@x' } });
    expect(worstRecipient(parseDeliveryStatus('\nFinal-Recipient: rfc822; a@x\nAction: delayed\nStatus: 4.4.1\n'))?.severity).toBe('transient');
    expect(worstRecipient(parseDeliveryStatus('\nFinal-Recipient: rfc822; a@x\nAction: relayed\nStatus: 2.0.0\n'))).toBeNull();
  });

  it('takes the remote code when the Status is cut short or only generic (5.0.0), never one of another class', () => {
    const code = (fields: string) => parseDeliveryStatus(`\nAction: failed\n${fields}`).recipients[0].status;
    expect(code('Status: 5.2.\nDiagnostic-Code: smtp; 550 5.2.1 disab')).toBe('5.2.1');
    expect(code('Status: 5.0.0\nDiagnostic-Code: smtp; 552 5.2.2 full')).toBe('5.2.2');
    expect(code('Status: 5.0.0\nDiagnostic-Code: smtp; 452 4.2.2 full')).toBe('5.0.0');
    expect(code('Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.7.1 denied')).toBe('5.1.1');
  });

  it('finds enhanced codes but not IP addresses or version numbers', () => {
    expect(enhancedStatus('550 5.1.10 RESOLVER')).toBe('5.1.10');
    expect(enhancedStatus('#550 5.1.1 ##')).toBe('5.1.1');
    expect(enhancedStatus('host 5.1.1.1 said')).toBeUndefined();
    expect(enhancedStatus('Exim 4.96.2')).toBeUndefined();
    expect(bounceCategory('5.2.2')).toBe('mailbox-full');
    expect(bounceCategory('5.7.1')).toBe('policy');
    expect(bounceCategory('5.0.0')).toBe('unknown');
  });
});

describe('feedback reports (RFC 5965)', () => {
  it('reads the type, the reporter and the recipients (Original-Rcpt-To and the older Removal-Recipient)', () => {
    const report = parseFeedbackReport('Feedback-Type: Abuse\nUser-Agent: Hotmail FBL\nVersion: 0.1\nOriginal-Mail-From: <b@x>\nOriginal-Rcpt-To: <a@x>\nRemoval-Recipient: a@x\n');
    expect(report).toMatchObject({ feedbackType: 'abuse', userAgent: 'Hotmail FBL', originalMailFrom: 'b@x', originalRcptTo: ['a@x'] });
    expect(parseFeedbackReport('Version: 1\n').feedbackType).toBe('unspecified');
  });

  it('counts abuse, fraud, virus, other and unspecified as complaints, not not-spam or auth-failure', () => {
    for (const type of ['abuse', 'fraud', 'virus', 'other', 'unspecified']) expect(isComplaint(type)).toBe(true);
    for (const type of ['not-spam', 'auth-failure']) expect(isComplaint(type)).toBe(false);
  });
});

describe('prose bounces and autoreplies', () => {
  const headers = (subject: string, fromAddress?: string, extra: [string, string][] = []) => ({ subject, fromAddress, fields: extra.map(([name, value]) => ({ name, value })) });

  it('classifies by code first, then by words, and only from the bounce’s own words', () => {
    expect(classifyProse('Remote host said: 550 5.7.1 denied')).toMatchObject({ severity: 'permanent', status: '5.7.1' });
    expect(classifyProse('<a@x.example>:\n451 4.7.1 greylisted, try later')).toMatchObject({ severity: 'transient', status: '4.7.1', recipient: 'a@x.example' });
    expect(classifyProse('554: delivery error: dd no account')).toMatchObject({ severity: 'permanent' });
    expect(classifyProse('The user\'s mailbox is full.')).toMatchObject({ severity: 'transient' });
    expect(classifyProse('No such user here.')).toMatchObject({ severity: 'permanent' });
    expect(classifyProse('Something went wrong.')).toBeNull();
    const onlyTheOriginalHasNumbers = 'Mail delivery failed.\n\n------ This is a copy of the message, including all the headers. ------\nSection 4.2.1: a 550-parameter probe, user unknown';
    expect(classifyProse(onlyTheOriginalHasNumbers)).toBeNull();
  });

  it('tells autoreplies from mail system notices', () => {
    expect(isAutoreplyByHeaders(headers('Automatic reply: Paperboy'))).toBe(true);
    expect(isAutoreplyByHeaders(headers('Out of Office: back Monday'))).toBe(true);
    expect(isAutoreplyByHeaders(headers('Abwesenheitsnotiz: Paperboy'))).toBe(true);
    expect(isAutoreplyByHeaders(headers('Hello', 'a@x', [['x-autoreply', 'yes']]))).toBe(true);
    expect(isAutoreplyByHeaders(headers('Hello', 'a@x', [['precedence', 'auto_reply']]))).toBe(true);
    expect(isAutoreplyByHeaders(headers('Undelivered Mail Returned to Sender', 'mailer-daemon@x', [['auto-submitted', 'auto-replied']]))).toBe(false);
    expect(isBounceLike(headers('Hello', 'MAILER-DAEMON@x.example'))).toBe(true);
    expect(isBounceLike(headers('Delivery Status Notification (Failure)', 'someone@x.example'))).toBe(true);
    expect(isBounceLike(headers('Away until Monday', 'wes@x.example'))).toBe(false);
  });
});
