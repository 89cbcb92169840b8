import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { installFastDotStuffing } from './smtp/fast-dot-stuffing.js';

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable Message-ID, without angle brackets. */
  messageId?: string;
  headers?: Record<string, string>;
  /** List-Unsubscribe targets (https and mailto), sent with List-Unsubscribe-Post (RFC 8058 one-click). */
  listUnsubscribe?: { url: string; mail?: string };
  /** List-Id, e.g. `Paperboy daily digest <digest.example.org>`. */
  listId?: string;
  date?: Date;
}

export interface SendResult {
  messageId: string;
  response: string;
}

export type SmtpFailureKind = 'transient' | 'permanent';

/** 4xx replies (and network trouble) are worth a retry; 5xx are final. */
export function classifySmtpFailure(error: unknown): SmtpFailureKind {
  const code = typeof error === 'object' && error !== null && 'responseCode' in error ? Number((error as { responseCode: unknown }).responseCode) : NaN;
  return code >= 500 && code < 600 ? 'permanent' : 'transient';
}

/** A message built by the caller (see RawMessageWriter), with its SMTP envelope. */
export interface RawOutgoingMessage {
  /** RCPT TO: the address as stored (ASCII, domain in punycode). */
  to: string;
  raw: string | Buffer;
}

/** The bare address of a From value like `Paperboy <digest@example.org>` (the envelope sender). */
export function envelopeSender(from: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return angle ? angle[1] : from.trim();
}

/** Pooled SMTP transport built from SMTP_URL. */
export class MailTransport {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;
  private readonly envelopeFrom: string;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    options: { maxConnections?: number; dkim?: { domainName: string; keySelector: string; privateKey: string } } = {},
  ) {
    installFastDotStuffing();
    this.envelopeFrom = envelopeSender(from);
    const url = new URL(smtpUrl);
    this.transporter = nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: Infinity,
      // A connection that drops mid-message must fail that message, never resend it on another
      // connection: the server may have accepted it (the digest engine records it as unknown).
      maxRequeues: 0,
      // Loopback catchers and many internal relays offer no TLS; use it when offered.
      ignoreTLS: false,
      connectionTimeout: 10000,
      greetingTimeout: 10000,
      socketTimeout: 30000,
      // The signature must cover the one-click unsubscribe headers, or providers ignore them.
      dkim: options.dkim
        ? { ...options.dkim, headerFieldNames: 'from:to:subject:date:message-id:list-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type' }
        : undefined,
    });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const info = await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: message.messageId ? `<${message.messageId}>` : undefined,
      date: message.date,
      // One List-Unsubscribe header with both targets (RFC 2369), plus the one-click marker (RFC 8058).
      headers: {
        ...message.headers,
        ...(message.listId ? { 'List-Id': message.listId } : {}),
        ...(message.listUnsubscribe
          ? {
              'List-Unsubscribe': [message.listUnsubscribe.url, message.listUnsubscribe.mail].filter(Boolean).map((u) => `<${u}>`).join(', '),
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {}),
      },
    });
    return { messageId: info.messageId, response: info.response };
  }

  /**
   * Sends a pre-built message as it is (nodemailer adds nothing but a DKIM signature when one is
   * configured): the digest hot path, where composing MIME per reader cost more than the rest.
   */
  async sendRaw(message: RawOutgoingMessage): Promise<SendResult> {
    const info = await this.transporter.sendMail({ envelope: { from: this.envelopeFrom, to: [message.to] }, raw: message.raw });
    return { messageId: info.messageId, response: info.response };
  }

  close(): void {
    this.transporter.close();
  }
}
