/** How an SMTP send that did not end in acceptance must be treated. */
export type SmtpFailure =
  /** 5xx to RCPT TO or DATA: the address is refused for good. Suppress it; never retry. */
  | 'permanent'
  /** 4xx, or trouble before DATA (connect, greeting, login, MAIL FROM, RCPT TO), 5xx included before RCPT TO: certainly not accepted; retry later. */
  | 'transient'
  /** The exchange broke after DATA began: the server may have accepted it. Never retry. */
  | 'unknown';

/**
 * Commands whose reply is about the recipient or the message. A 5xx to anything earlier (greeting,
 * EHLO, STARTTLS, AUTH, MAIL FROM) refuses our server, credentials or sender, not the reader's
 * address: suppressing on it would suppress every reader of the run over one wrong password.
 */
const ABOUT_RECIPIENT = new Set(['RCPT TO', 'DATA']);
/** SMTP commands before DATA: a failure there means the message was certainly not accepted. */
const BEFORE_DATA = new Set(['EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH PLAIN', 'AUTH LOGIN', 'AUTH XOAUTH2', 'AUTH CRAM-MD5', 'MAIL FROM', 'RCPT TO']);
/** Why a connection could not even be opened (the system error nodemailer keeps as `originalCode`). */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

interface SmtpErrorShape {
  responseCode?: unknown;
  command?: unknown;
  code?: unknown;
  originalCode?: unknown;
}

/**
 * Classifies a failed send from what nodemailer reports (`responseCode`, the `command` that
 * failed, its error `code`). A reply code decides when there is one: 5xx to RCPT TO or DATA is
 * permanent (5xx elsewhere is not about the address: transient, so it ends `failed` once retries
 * run out), 4xx is a refusal and so transient wherever it came. Without one, the failed command tells whether DATA
 * had begun. nodemailer reports a connection lost mid-session as `ECONNECTION` on `CONN` whether or
 * not DATA had begun, so that is `unknown` unless the connection was never opened at all.
 */
export function classifySmtpFailure(error: unknown): SmtpFailure {
  const { responseCode, command, code, originalCode } = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorShape;
  const reply = Number(responseCode);
  if (reply >= 500 && reply < 600) return typeof command === 'string' && ABOUT_RECIPIENT.has(command.toUpperCase()) ? 'permanent' : 'transient';
  if (reply >= 400 && reply < 500) return 'transient';
  if (typeof command === 'string' && BEFORE_DATA.has(command.toUpperCase())) return 'transient';
  if (code === 'EDNS' || (typeof originalCode === 'string' && NEVER_CONNECTED.has(originalCode))) return 'transient';
  return 'unknown';
}

/** Exponential backoff of a transient failure: base × 2^(attempt−1), attempt counted from 1. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
