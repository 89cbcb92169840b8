import { simpleParser, type AddressObject, type Attachment, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { isComplaint, looksLikeFeedbackReport, parseFeedbackReport } from './arf.js';
import { parseDeliveryStatus, worstRecipient, type Severity } from './dsn.js';
import type { IgnoreReason } from './events.js';
import { headerFields } from './field-blocks.js';
import type { InboundAddresses } from './inbound-addresses.js';
import { cluesFromHeaders, cluesFromText, mergeClues, type OriginalClues } from './original-clues.js';
import { classifyProse, isAutoreplyByHeaders, isAutoSubmitted, isBounceLike, ownWords, type MessageHeaders } from './prose-bounces.js';

export type Verdict =
  | {
      kind: 'bounce';
      severity: Severity;
      evidence: 'dsn' | 'heuristic';
      status?: string;
      diagnosticCode?: string;
      action?: 'failed' | 'delayed';
      /** The failed address as the report names it (unauthenticated). */
      recipient?: string;
    }
  | { kind: 'complaint'; feedbackType: string; reporter?: string; recipient?: string }
  | { kind: 'ignored'; reason: IgnoreReason; detail?: string };

/** What one inbound message is, and what it says about the original it concerns. */
export interface MessageAnalysis {
  verdict: Verdict;
  clues: OriginalClues;
  /** The From address (lower case), for logs. */
  from?: string;
}

// mailsplit options that mailparser passes through but does not declare.
interface SplitterOptions {
  /** Keep message/rfc822 parts whole (as attachments) instead of merging the original's text into the report's. */
  ignoreEmbedded: boolean;
  maxHeadSize: number;
}

const PARSER_OPTIONS: SimpleParserOptions & SplitterOptions = {
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  maxHeadSize: 256 * 1024,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
};
const PARSE_TIMEOUT_MS = 10_000;
const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers', 'message/rfc822-headers']);

async function parse(raw: Buffer): Promise<ParsedMail> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('parse timed out')), PARSE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([simpleParser(raw, PARSER_OPTIONS), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A report part's text: UTF-8, or Latin-1 when it is not valid UTF-8 (whatever charset it claims). */
function partText(part: Attachment | undefined): string {
  if (!part) return '';
  try {
    return utf8.decode(part.content);
  } catch {
    return part.content.toString('latin1');
  }
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address?: string; name?: string } {
  const first = (Array.isArray(value) ? value[0] : value)?.value[0];
  return { address: first?.address?.toLowerCase(), name: first?.name };
}

function readableText(parsed: ParsedMail): string {
  if (parsed.text) return parsed.text;
  if (typeof parsed.html === 'string') return parsed.html.slice(0, 262_144).replace(/<[^>]{0,2000}>/g, ' ').replace(/&nbsp;/g, ' ');
  return '';
}

/**
 * Reads a report the way RFC 3464 and RFC 5965 write it, then falls back to what non-standard ones
 * say. Also returns what the report's own fields say about the original (ARF Original-Mail-From).
 */
function judge(parsed: ParsedMail, headers: MessageHeaders, text: string, addresses: InboundAddresses): { verdict: Verdict; clues?: OriginalClues } {
  const contentType = parsed.headers.get('content-type');
  const reportType =
    typeof contentType === 'object' && contentType !== null && 'params' in contentType && contentType.value.toLowerCase() === 'multipart/report'
      ? String(contentType.params['report-type'] ?? '').toLowerCase()
      : '';
  const parts = parsed.attachments;
  const feedbackPart = parts.find((p) => p.contentType.toLowerCase() === 'message/feedback-report');
  const deliveryPart = parts.find((p) => DELIVERY_STATUS_TYPES.has(p.contentType.toLowerCase()));

  if (feedbackPart || reportType === 'feedback-report' || (!deliveryPart && looksLikeFeedbackReport(ownWords(text)))) {
    const report = parseFeedbackReport(feedbackPart ? partText(feedbackPart) : ownWords(text));
    if (!isComplaint(report.feedbackType)) return { verdict: { kind: 'ignored', reason: 'not-a-complaint', detail: `Feedback-Type: ${report.feedbackType}` } };
    const delivery = report.originalMailFrom ? addresses.findDelivery(report.originalMailFrom) : null;
    return {
      verdict: { kind: 'complaint', feedbackType: report.feedbackType, reporter: report.userAgent, recipient: report.originalRcptTo[0] },
      ...(delivery ? { clues: { delivery } } : {}),
    };
  }

  if (deliveryPart || reportType === 'delivery-status') {
    const report = parseDeliveryStatus(deliveryPart ? partText(deliveryPart) : ownWords(text));
    const worst = worstRecipient(report);
    if (worst) {
      const { recipient, severity } = worst;
      const verdict: Verdict = {
        kind: 'bounce',
        severity,
        evidence: deliveryPart ? 'dsn' : 'heuristic',
        status: recipient.status,
        diagnosticCode: recipient.diagnosticCode,
        action: recipient.action === 'delayed' ? 'delayed' : recipient.action === 'failed' ? 'failed' : undefined,
        recipient: recipient.finalRecipient ?? recipient.originalRecipient,
      };
      return { verdict };
    }
    if (report.recipients.length) return { verdict: { kind: 'ignored', reason: 'delivered', detail: `Action: ${report.recipients.map((r) => r.action ?? '?').join(', ')}` } };
    // A report without a readable delivery-status part: read its words like a non-standard bounce.
  }

  if (reportType === 'disposition-notification') return { verdict: { kind: 'ignored', reason: 'read-receipt' } };
  if (isAutoreplyByHeaders(headers)) return { verdict: { kind: 'ignored', reason: 'autoreply', detail: headers.subject.slice(0, 200) } };
  if (isBounceLike(headers) || reportType === 'delivery-status') {
    const prose = classifyProse(text);
    if (prose) return { verdict: { kind: 'bounce', severity: prose.severity, evidence: 'heuristic', status: prose.status, diagnosticCode: prose.diagnostic, recipient: prose.recipient } };
    return { verdict: { kind: 'ignored', reason: 'unrecognized', detail: 'a mail system notice that names no failure' } };
  }
  if (isAutoSubmitted(headers)) return { verdict: { kind: 'ignored', reason: 'autoreply', detail: 'Auto-Submitted' } };
  return { verdict: { kind: 'ignored', reason: 'unrecognized', detail: headers.subject.slice(0, 200) } };
}

/**
 * Reads one inbound message: a DSN (RFC 3464), an ARF complaint (RFC 5965), a bounce in prose, an
 * autoreply, or something else; and what it says about the original (Message-ID, tokens). Never
 * throws: a message it cannot parse is `ignored`, `unparseable`.
 */
export async function analyzeMessage(raw: Buffer, addresses: InboundAddresses): Promise<MessageAnalysis> {
  let parsed: ParsedMail;
  try {
    parsed = await parse(raw);
  } catch (error) {
    return { verdict: { kind: 'ignored', reason: 'unparseable', detail: error instanceof Error ? error.message.slice(0, 200) : 'unparseable' }, clues: {} };
  }
  try {
    const from = firstAddress(parsed.from);
    const headers: MessageHeaders = {
      fields: headerFields(raw.subarray(0, 262_144).toString('latin1')),
      subject: parsed.subject ?? '',
      fromAddress: from.address,
      fromName: from.name,
    };
    const text = readableText(parsed);
    const originals = parsed.attachments.filter((p) => ORIGINAL_TYPES.has(p.contentType.toLowerCase()));
    const { verdict, clues: reportClues } = judge(parsed, headers, text, addresses);
    const clues = mergeClues(reportClues ?? {}, ...originals.map((p) => cluesFromHeaders(partText(p), addresses)), cluesFromText(text, addresses));
    return { verdict, clues, from: from.address };
  } catch (error) {
    // Defensive: mailparser's results can be odd on hostile input; nothing here may take the receiver down.
    return { verdict: { kind: 'ignored', reason: 'unparseable', detail: error instanceof Error ? error.message.slice(0, 200) : 'unparseable' }, clues: {} };
  }
}
