// Test helper: a bare SMTP client over a socket, to see every reply code the receiver gives
// (nodemailer hides some behind its own errors) and to send bytes no well-behaved client would.
import { connect, type Socket } from 'node:net';

export interface SmtpReply {
  code: number;
  text: string;
}

export class SmtpDialog {
  private buffer = '';
  private waiters: ((reply: SmtpReply | null) => void)[] = [];
  private replies: SmtpReply[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    socket.on('data', (data: string) => {
      this.buffer += data;
      let end: number;
      while ((end = this.buffer.search(/^\d{3} .*\r?\n/m)) >= 0) {
        const lineEnd = this.buffer.indexOf('\n', end);
        const block = this.buffer.slice(0, lineEnd + 1);
        this.buffer = this.buffer.slice(lineEnd + 1);
        const lines = block.trim().split(/\r?\n/);
        this.push({ code: Number(lines[lines.length - 1].slice(0, 3)), text: lines.map((l) => l.slice(4)).join('\n') });
      }
    });
    const close = () => {
      this.closed = true;
      for (const waiter of this.waiters.splice(0)) waiter(null);
    };
    socket.on('close', close);
    socket.on('error', close);
  }

  static open(port: number): Promise<SmtpDialog> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new SmtpDialog(socket)));
      socket.once('error', reject);
    });
  }

  private push(reply: SmtpReply) {
    const waiter = this.waiters.shift();
    if (waiter) waiter(reply);
    else this.replies.push(reply);
  }

  /** The next reply, or null once the server has closed the connection. */
  reply(): Promise<SmtpReply | null> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  write(data: string | Buffer): void {
    if (!this.closed) this.socket.write(data);
  }

  async command(line: string): Promise<SmtpReply | null> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** DATA, the message (dot-stuffed here), the final dot; the reply to the final dot. */
  async data(message: Buffer | string): Promise<SmtpReply | null> {
    const go = await this.command('DATA');
    if (go?.code !== 354) return go;
    const text = Buffer.isBuffer(message) ? message.toString('latin1') : message;
    const stuffed = text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.write(Buffer.from(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    return this.reply();
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One whole SMTP transaction; the replies of RCPT TO and of the end of DATA. */
export async function sendMail(port: number, from: string, to: readonly string[], message: Buffer | string): Promise<{ rcpt: (SmtpReply | null)[]; data: SmtpReply | null }> {
  const dialog = await SmtpDialog.open(port);
  try {
    await dialog.reply();
    await dialog.command('EHLO tester.example');
    await dialog.command(`MAIL FROM:<${from}>`);
    const rcpt: (SmtpReply | null)[] = [];
    for (const address of to) rcpt.push(await dialog.command(`RCPT TO:<${address}>`));
    const data = rcpt.some((r) => r?.code === 250) ? await dialog.data(message) : null;
    await dialog.command('QUIT');
    return { rcpt, data };
  } finally {
    dialog.close();
  }
}
