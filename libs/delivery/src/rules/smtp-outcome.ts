/** How an SMTP send that did not end in acceptance must be treated. */
export type SmtpFailure =
  /** 5xx: the address is refused for good. Suppress it; never retry. */
  | 'permanent'
  /** 4xx, or trouble before DATA (connect, greeting, MAIL FROM, RCPT TO): certainly not accepted; retry later. */
  | 'transient'
  /** The exchange broke after DATA began: the server may have accepted it. Never retry. */
  | 'unknown';

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
 * failed, its error `code`). A reply code decides when there is one: 5xx is permanent, 4xx is a
 * refusal and so transient wherever it came. Without one, the failed command tells whether DATA
 * had begun. nodemailer reports a connection lost mid-session as `ECONNECTION` on `CONN` whether or
 * not DATA had begun, so that is `unknown` unless the connection was never opened at all.
 */
export function classifySmtpFailure(error: unknown): SmtpFailure {
  const { responseCode, command, code, originalCode } = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorShape;
  const reply = Number(responseCode);
  if (reply >= 500 && reply < 600) return 'permanent';
  if (reply >= 400 && reply < 500) return 'transient';
  if (typeof command === 'string' && BEFORE_DATA.has(command.toUpperCase())) return 'transient';
  if (code === 'EDNS' || (typeof originalCode === 'string' && NEVER_CONNECTED.has(originalCode))) return 'transient';
  return 'unknown';
}

/** Exponential backoff of a transient failure: base × 2^(attempt−1), attempt counted from 1. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
