// Test helper: what each sample of libs/inbound/fixtures must come to, received at the address in
// its To header; shared by the analysis spec and the spec that sends them over SMTP.
import { expect } from '@jest/globals';
import type { DeliveryRef, EventTarget } from '../events.js';
import type { RecipientOutcome } from '../message-events.js';
import { fixtureSubscriber } from './fixtures.js';

const digest = (n: number): DeliveryRef => ({ kind: 'digest', subscriberId: fixtureSubscriber(n), editionDate: '2026-03-02' });
const unsubscribe = (n: number) => ({ subscriberId: fixtureSubscriber(n), generation: 0 });

export type Expected =
  | { bounce: 'permanent' | 'transient'; status?: string; evidence: 'dsn' | 'heuristic'; target: Partial<EventTarget> }
  | { complaint: string; target: Partial<EventTarget> }
  | { unsubscribe: number }
  | { ignored: string };

/** What each sample must come to, received at the address in its To header. See fixtures/README.md. */
export const EXPECTED: Record<string, Expected> = {
  'postfix-user-unknown.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(1), unsubscribe: unsubscribe(1), recipient: 'ada.lovelace@mail.example.net' } },
  'postfix-delayed.eml': { bounce: 'transient', status: '4.4.1', evidence: 'dsn', target: { delivery: digest(2) } },
  'postfix-relayed-success.eml': { ignored: 'delivered' },
  'exim-mailbox-full.eml': { bounce: 'permanent', status: '5.2.2', evidence: 'dsn', target: { delivery: digest(4) } },
  'exim-legacy-prose.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'heuristic', target: { delivery: digest(5), recipient: 'eve.smith@retired.example.org' } },
  'sendmail-user-unknown.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: { kind: 'confirmation', subscriberId: fixtureSubscriber(6), request: 2 } } },
  'sendmail-warning-delayed.eml': { bounce: 'transient', status: '4.4.7', evidence: 'dsn', target: { delivery: digest(7) } },
  'office365-ndr.eml': { bounce: 'permanent', status: '5.1.10', evidence: 'dsn', target: { delivery: digest(8), recipient: 'fay.wray@contoso.example' } },
  'exchange-onprem-ndr.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(9), recipient: 'hal.jordan@fabrikam.example' } },
  'gmail-address-not-found.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(10) } },
  'gmail-delay.eml': { bounce: 'transient', status: '4.4.1', evidence: 'dsn', target: { delivery: digest(11) } },
  'yahoo-failure-notice.eml': { bounce: 'permanent', evidence: 'heuristic', target: { delivery: digest(12), recipient: 'jo@nonexist.example.com' } },
  'amazon-ses-bounce-email.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(13) } },
  'qmail-policy-prose.eml': { bounce: 'permanent', status: '5.7.1', evidence: 'heuristic', target: { delivery: digest(14) } },
  // Feedback loops: reports reach fbl@, and the delivery is found through the original or the report.
  'yahoo-arf-complaint.eml': { complaint: 'abuse', target: { unsubscribe: unsubscribe(15), messageId: expect.stringMatching(/^digest\.2026-03-02\./) as unknown as string } },
  'aol-arf-scomp.eml': { complaint: 'abuse', target: { delivery: digest(16), unsubscribe: unsubscribe(16) } },
  'microsoft-jmrp-complaint.eml': { complaint: 'abuse', target: { delivery: digest(17), recipient: 'mo@outlook.example' } },
  'mailru-fbl-complaint.eml': { complaint: 'abuse', target: { delivery: digest(18), unsubscribe: unsubscribe(18) } },
  'yandex-fbl-complaint.eml': { complaint: 'abuse', target: { messageId: expect.stringMatching(/^digest\.2026-03-02\..+@paperboy\.example$/) as unknown as string } },
  'arf-not-spam.eml': { ignored: 'not-a-complaint' },
  'dmarc-auth-failure.eml': { ignored: 'not-a-complaint' },
  'arf-forged-token.eml': { ignored: 'no-target' },
  'malformed-report-without-status-part.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'heuristic', target: { delivery: digest(23) } },
  'malformed-prose-to-postmaster.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'heuristic', target: { messageId: expect.stringMatching(/^digest\.2026-03-02\./) as unknown as string } },
  'malformed-truncated.eml': { bounce: 'permanent', status: '5.2.1', evidence: 'dsn', target: { delivery: digest(25), recipient: 'tess@example.net' } },
  'malformed-wrong-charset.eml': { bounce: 'permanent', status: '5.1.1', evidence: 'dsn', target: { delivery: digest(26), recipient: 'uwe.mueller@example.de' } },
  'malformed-binary-noise.eml': { ignored: 'unrecognized' },
  'autoreply-exchange-ooo.eml': { ignored: 'autoreply' },
  'autoreply-vacation-responder.eml': { ignored: 'autoreply' },
  'read-receipt-mdn.eml': { ignored: 'read-receipt' },
  'mailto-unsubscribe-gmail.eml': { unsubscribe: 30 },
};

/** Asserts that an outcome is what the sample's row expects. */
export function expectOutcome({ event, ignored }: RecipientOutcome, expected: Expected): void {
  if ('ignored' in expected) {
    expect(event).toBeUndefined();
    expect(ignored?.reason).toBe(expected.ignored);
    return;
  }
  expect(ignored).toBeUndefined();
  if ('unsubscribe' in expected) {
    expect(event).toMatchObject({ type: 'unsubscribe', method: 'mailto', target: { unsubscribe: unsubscribe(expected.unsubscribe) } });
    return;
  }
  if ('complaint' in expected) {
    expect(event).toMatchObject({ type: 'complaint', source: 'smtp', feedbackType: expected.complaint, target: { ...expected.target, recipientAuthenticated: false } });
    return;
  }
  expect(event).toMatchObject({ type: 'bounce', source: 'smtp', severity: expected.bounce, evidence: expected.evidence, target: { ...expected.target, recipientAuthenticated: false } });
  if (expected.status) expect(event).toMatchObject({ status: expected.status });
  else expect(event).not.toHaveProperty('status');
}
