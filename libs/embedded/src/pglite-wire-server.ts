import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': no transaction open
const PASSWORD_MESSAGE = 0x70; // 'p'
const AUTH_CLEARTEXT = 3;

/** AuthenticationCleartextPassword: loopback only, so nothing on the wire to protect from sniffing. */
function askForPassword(): Buffer {
  const message = Buffer.alloc(9);
  message.write('R', 0);
  message.writeInt32BE(8, 1);
  message.writeInt32BE(AUTH_CLEARTEXT, 5);
  return message;
}

/** A FATAL ErrorResponse with SQLSTATE 28P01 (invalid_password), as Postgres sends it. */
function passwordRefused(): Buffer {
  const fields = Buffer.from('SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed\0\0', 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

const digest = (value: Buffer | string) => createHash('sha256').update(value).digest();

/** The transaction status of the ReadyForQuery that ends a response, if it ends with one. */
function readyStatus(response: Uint8Array): number | undefined {
  const n = response.length;
  if (n < 6 || response[n - 6] !== READY_FOR_QUERY) return undefined;
  const length = ((response[n - 5] << 24) | (response[n - 4] << 16) | (response[n - 3] << 8) | response[n - 2]) >>> 0;
  return length === 5 ? response[n - 1] : undefined;
}

/**
 * Serves one PGlite database to many Postgres wire-protocol connections.
 * PGlite has a single session, so a connection holds it for a whole exchange
 * (from its first message to the Sync or simple Query that ends it) and for
 * as long as it keeps a transaction open; other connections wait their turn.
 * pglite-socket queues single messages from all connections in one line,
 * which interleaves one connection's Parse/Bind/Execute with another's under
 * load ("bind message supplies 2 parameters, but prepared statement "" requires 1").
 */
export class PgliteWireServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private owner: number | null = null;
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;

  private readonly passwordDigest: Buffer;

  /** Every connection must give `password` (any user name) before PGlite sees its startup message. */
  constructor(
    private readonly db: PGlite,
    password: string,
  ) {
    this.passwordDigest = digest(password);
  }

  private isPassword(message: Buffer): boolean {
    // 'p', length, then the password ending in a NUL byte.
    const given = message.subarray(5, message.length - 1);
    return message[0] === PASSWORD_MESSAGE && message[message.length - 1] === 0 && timingSafeEqual(digest(given), this.passwordDigest);
  }

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.serve(socket));
      server.once('error', reject);
      server.listen(port, host, () => {
        this.server = server;
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async acquire(id: number): Promise<void> {
    while (this.owner !== null && this.owner !== id) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.owner = id;
  }

  private release(id: number): void {
    if (this.owner !== id) return;
    this.owner = null;
    this.waiting.shift()?.();
  }

  private serve(socket: Socket): void {
    const id = this.nextId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    // The startup message, held back until the client has given the password.
    let startup: Buffer | null = null;
    let closed = false;
    // One connection's messages run strictly in order.
    let chain: Promise<void> = Promise.resolve();

    const run = async (message: Uint8Array, endsExchange: boolean) => {
      await this.acquire(id);
      if (closed) return this.release(id);
      const response = await this.db.runExclusive(() => this.db.execProtocolRaw(message));
      if (response.length > 0 && !closed) socket.write(response);
      // Keep the session between messages of one exchange, and while a transaction is open.
      if (endsExchange && readyStatus(response) === IDLE) this.release(id);
    };

    const drain = async () => {
      for (;;) {
        if (closed) return; // what a departed client left unread is not run
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (buffer.length < length) return;
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write('N'); // no TLS on loopback
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          started = true;
          startup = Buffer.from(message);
          socket.write(askForPassword());
          continue;
        }
        if (buffer.length < 5) return;
        const type = buffer[0];
        const total = 1 + buffer.readInt32BE(1);
        if (buffer.length < total) return;
        const message = buffer.subarray(0, total);
        buffer = buffer.subarray(total);
        if (startup) {
          if (!this.isPassword(message)) {
            socket.end(passwordRefused());
            closed = true;
            return;
          }
          const startupMessage = startup;
          startup = null;
          await run(startupMessage, true);
          continue;
        }
        if (type === TERMINATE) {
          socket.end();
          return;
        }
        await run(message, type === SYNC || type === QUERY);
      }
    };

    const fail = () => {
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      chain = chain.then(drain).catch(fail);
    });
    socket.on('error', () => undefined); // a client that vanished; 'close' follows
    socket.on('close', () => {
      closed = true;
      this.sockets.delete(socket);
      chain = chain
        .then(async () => {
          // A connection that left mid-transaction must not leave it open for the next one.
          if (this.owner !== id) return;
          if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
        })
        .catch(() => undefined)
        .finally(() => this.release(id));
    });
  }
}
