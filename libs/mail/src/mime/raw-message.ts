import { randomBytes } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';

/** What changes per message of a run. */
export interface RawMessageHeaders {
  /** The recipient address, ASCII (domain in punycode), as stored. */
  to: string;
  subject: string;
  /** Without angle brackets. */
  messageId: string;
  date: Date;
  /** RFC 8058 one-click target (https); sent with List-Unsubscribe-Post. */
  unsubscribeUrl?: string;
  /** RFC 2369 mailto target, only where an inbound handler exists. */
  unsubscribeMailto?: string;
}

/** The two alternatives, already quoted-printable encoded, as chunks (see DigestRenderer.renderEncoded). */
export interface EncodedAlternatives {
  text: readonly Buffer[];
  html: readonly Buffer[];
}

const ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;
const URL_SAFE = /^[\x21-\x7e]+$/;

/** One header line as nodemailer formats it (encoded words, folding). */
function headerLine(name: string, value: string): string {
  const node = new MimeNode('text/plain');
  node.setHeader(name, value);
  const line = node
    .buildHeaders()
    .split(/\r\n(?! )/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) throw new Error(`nodemailer did not format the ${name} header`);
  return line;
}

/**
 * Writes complete multipart/alternative messages (text and HTML, quoted-printable, UTF-8) for a
 * run of many readers, to hand to nodemailer as `raw`. Everything that is the same for the run is
 * formatted once, by nodemailer's own header code (From with encoded words, the List-Id, the
 * boundary); per message only the recipient, subject (cached), date, Message-ID and unsubscribe
 * targets are written. nodemailer still signs the result with DKIM when configured.
 */
export class RawMessageWriter {
  private readonly fixedHead: string;
  private readonly boundary = `----=_Paperboy_${randomBytes(12).toString('hex')}`;
  private readonly subjects = new Map<string, string>();
  private readonly bodyOpen: Buffer;
  private readonly bodyMiddle: Buffer;
  private readonly bodyClose: Buffer;

  constructor(from: string, listId: string) {
    this.fixedHead = `${headerLine('From', from)}\r\n${headerLine('List-Id', listId)}\r\nMIME-Version: 1.0\r\n`;
    const part = (type: string) => `--${this.boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
    this.bodyOpen = Buffer.from(`Content-Type: multipart/alternative;\r\n boundary="${this.boundary}"\r\n\r\n${part('text/plain')}`);
    this.bodyMiddle = Buffer.from(`\r\n${part('text/html')}`);
    this.bodyClose = Buffer.from(`\r\n--${this.boundary}--\r\n`);
  }

  /**
   * The complete message, assembled with one copy. The boundary is random per writer (per run), so
   * no text in a paper or a reader's choices can know it; quoted-printable bodies hold no bare
   * "--" line starts of their own making either.
   */
  write(headers: RawMessageHeaders, body: EncodedAlternatives): Buffer {
    if (!ADDRESS.test(headers.to)) throw new Error('RawMessageWriter takes ASCII addresses only');
    let head = this.fixedHead;
    head += `To: ${headers.to}\r\n${this.subject(headers.subject)}\r\n`;
    head += `Date: ${headers.date.toUTCString().replace(/GMT$/, '+0000')}\r\nMessage-ID: <${headers.messageId}>\r\n`;
    const targets = [headers.unsubscribeUrl, headers.unsubscribeMailto].filter((t): t is string => t !== undefined);
    if (targets.some((t) => !URL_SAFE.test(t))) throw new Error('List-Unsubscribe targets must be ASCII without spaces');
    if (targets.length) head += `List-Unsubscribe:\r\n ${targets.map((t) => `<${t}>`).join(',\r\n ')}\r\n`;
    if (headers.unsubscribeUrl !== undefined) head += 'List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n';
    return Buffer.concat([Buffer.from(head, 'latin1'), this.bodyOpen, ...body.text, this.bodyMiddle, ...body.html, this.bodyClose]);
  }

  private subject(subject: string): string {
    let line = this.subjects.get(subject);
    if (line === undefined) {
      line = headerLine('Subject', subject);
      if (this.subjects.size > 1000) this.subjects.clear();
      this.subjects.set(subject, line);
    }
    return line;
  }
}
