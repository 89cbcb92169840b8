import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { analyzeMessage } from './analyze-message.js';
import type { InboundEventHandler } from './events.js';
import type { InboundAddresses } from './inbound-addresses.js';
import { mailEventId, outcomeForRecipient } from './message-events.js';

/** A pino-compatible logger, or anything with these two methods. */
export interface InboundLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface InboundSmtpReceiverOptions {
  addresses: InboundAddresses;
  handler: InboundEventHandler;
  /** Largest message accepted (SIZE, RFC 1870); larger ones get 552. Default 4 MiB (a digest returned whole is ~50 KB). */
  maxMessageBytes?: number;
  /** Recipients per message (452 beyond). Default 20. */
  maxRecipients?: number;
  /** Connections at once. Default 50. */
  maxClients?: number;
  /** Idle time before a client is disconnected. Default 60 s. */
  socketTimeoutMs?: number;
  /** How long the handler may take for one message before the sender is told 451 (retry later). Default 30 s. */
  handlerTimeoutMs?: number;
  /** The name in the greeting. Default: the inbound domain. */
  hostname?: string;
  /** PEM key and certificate to offer STARTTLS; without them STARTTLS is not offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  log?: InboundLog;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`handler took more than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The inbound MX: an SMTP server that takes mail only for its own addresses (refused at RCPT TO
 * with 550 otherwise), reads each message (DSN, ARF, prose bounce, mailto unsubscribe) and gives
 * the handler typed events. It answers 250 once the handler has recorded them, 451 if the handler
 * failed (the sender retries; events are idempotent on their id), and 250 for messages that lead
 * to nothing (refusing a bounce only makes another bounce). Hostile input is refused or ignored,
 * never thrown.
 */
export class InboundSmtpReceiver {
  private readonly server: SMTPServer;
  private readonly maxMessageBytes: number;
  private readonly handlerTimeoutMs: number;
  private address: AddressInfo | null = null;

  constructor(private readonly options: InboundSmtpReceiverOptions) {
    this.maxMessageBytes = options.maxMessageBytes ?? 4 * 1024 * 1024;
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
    const addresses = options.addresses;
    this.server = new SMTPServer({
      name: options.hostname ?? addresses.domain,
      banner: 'Paperboy inbound',
      logger: false,
      size: this.maxMessageBytes,
      rejectOversized: true,
      maxRecipients: options.maxRecipients ?? 20,
      maxClients: options.maxClients ?? 50,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
      closeTimeout: 5_000,
      disableReverseLookup: true,
      authOptional: true,
      disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      hideENHANCEDSTATUSCODES: false,
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
      onRcptTo: (address, _session, callback) => {
        if (addresses.recognize(address.address)) return callback();
        callback(smtpError(550, `<${address.address.slice(0, 254)}>: no such recipient here`));
      },
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    // Without a listener, a socket error would be an unhandled 'error' event, and a crash.
    this.server.on('error', (error: Error) => options.log?.warn({ err: error }, 'inbound SMTP connection error'));
  }

  /** Starts listening; port 0 picks a free one. Defaults to loopback. */
  listen(port = 0, host = '127.0.0.1'): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.server.off('error', onError);
        this.address = this.server.server.address() as AddressInfo;
        resolve(this.address);
      });
    });
  }

  get port(): number {
    if (!this.address) throw new Error('the inbound receiver is not listening');
    return this.address.port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      callback(error ?? null);
    };
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= this.maxMessageBytes) chunks.push(chunk);
    });
    stream.on('error', (error: Error) => finish(smtpError(451, `error reading the message: ${error.message}`)));
    stream.on('end', () => {
      if (stream.sizeExceeded || bytes > this.maxMessageBytes) return finish(smtpError(552, 'message too big'));
      this.process(Buffer.concat(chunks, bytes), session).then(
        () => finish(),
        (error: unknown) => {
          this.options.log?.error({ err: error }, 'inbound message not recorded; the sender will retry');
          finish(smtpError(451, 'temporary failure, try again later'));
        },
      );
    });
  }

  private async process(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const { addresses, handler } = this.options;
    const analysis = await analyzeMessage(raw, addresses);
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
    for (const rcpt of session.envelope.rcptTo) {
      const address = addresses.recognize(rcpt.address);
      if (!address) continue;
      const outcome = outcomeForRecipient(analysis, address, mailEventId(raw, rcpt.address), envelopeFrom);
      if (outcome.event) {
        await withTimeout(handler.handle(outcome.event), this.handlerTimeoutMs);
      } else {
        try {
          handler.ignored?.(outcome.ignored);
        } catch (error) {
          this.options.log?.warn({ err: error }, 'inbound ignored-notice handler failed');
        }
      }
    }
  }
}
