import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port.js';

export interface CaughtMessage {
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  date: string | null;
  messageId: string | null;
  headers: Record<string, string>;
  text: string;
  html: string | null;
  size: number;
}

export interface MailCatcherHandle {
  smtpUrl: string;
  smtpPort: number;
  inboxUrl: string;
  messages(): CaughtMessage[];
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  /** Where .eml files are kept so the inbox survives restarts; omit for memory only. */
  dir?: string;
  smtpPort?: number;
  httpPort?: number;
  /** Keep at most this many messages. */
  limit?: number;
  /** Test hook: wait this long before answering 250 to DATA (a slow server, for crash tests). */
  acceptDelayMs?: number;
  /** Test hook: answer RCPT TO for an address with this SMTP error instead of accepting it. */
  rejectRecipient?: (address: string) => { code: number; message: string } | null;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function addressText(value: ParsedMail['from'] | ParsedMail['to']): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

async function toMessage(raw: Buffer, id: string, receivedAt: string, envelopeFrom: string, envelopeTo: string[]): Promise<CaughtMessage> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return {
    id,
    receivedAt,
    envelopeFrom,
    envelopeTo,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    date: parsed.date ? parsed.date.toISOString() : null,
    messageId: parsed.messageId ?? null,
    headers,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    size: raw.length,
  };
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f6f4}main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:20px}table{width:100%;border-collapse:collapse;background:#fff}td,th{padding:8px;border-bottom:1px solid #e4e4e0;text-align:left;vertical-align:top}
a{color:#0b57d0}iframe{width:100%;height:70vh;border:1px solid #ccc;background:#fff}pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e4e4e0}
.muted{color:#5f6368}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;background:#fff;padding:12px}dt{font-weight:600}dd{margin:0;word-break:break-all}
@media (prefers-color-scheme:dark){body{background:#161617;color:#eee}table,pre,dl{background:#232325;color:#eee}a{color:#8ab4f8}td,th{border-color:#333}}
</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The embedded mail catcher of `npm start`: an SMTP server on loopback that
 * keeps every message, and an inbox web page to read them.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcherHandle> {
  const limit = options.limit ?? 500;
  const store: CaughtMessage[] = [];
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true });
    const files = readdirSync(options.dir).filter((f) => f.endsWith('.eml')).sort().slice(-limit);
    for (const file of files) {
      const raw = readFileSync(path.join(options.dir, file));
      const [stamp, id] = file.replace(/\.eml$/, '').split('_');
      store.unshift(await toMessage(raw, id, new Date(Number(stamp)).toISOString(), '', []));
    }
  }

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const rejection = options.rejectRecipient?.(address.address);
      if (!rejection) return callback();
      callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const id = randomUUID();
        const now = Date.now();
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        toMessage(raw, id, new Date(now).toISOString(), from, to)
          .then((message) => {
            store.unshift(message);
            if (store.length > limit) store.length = limit;
            if (options.dir) writeFileSync(path.join(options.dir, `${now}_${id}.eml`), raw);
            // Stored first, answered later: like a server that accepted the message before the client heard back.
            if (options.acceptDelayMs) setTimeout(() => callback(), options.acceptDelayMs);
            else callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  const smtpPort = await freePort(options.smtpPort);
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, '127.0.0.1', () => resolve());
  });

  let allowedHosts = new Set<string>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://inbox');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
      res.end(body);
    };
    // DNS rebinding: a page on attacker.example whose name now points at 127.0.0.1 reaches this
    // port from the developer's browser, but with its own name in Host. The inbox holds live links.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) return send(403, 'text/plain; charset=utf-8', 'Open the inbox at localhost.');
    if (url.pathname === '/api/messages' && req.method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const list = to ? store.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === to) || m.to.toLowerCase().includes(to)) : store;
      return send(200, 'application/json', JSON.stringify(list));
    }
    if (url.pathname === '/api/messages' && req.method === 'DELETE') {
      store.length = 0;
      if (options.dir) for (const f of readdirSync(options.dir)) if (f.endsWith('.eml')) rmSync(path.join(options.dir, f));
      return send(204, 'text/plain', '');
    }
    const match = /^\/messages\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (match) {
      const message = store.find((m) => m.id === match[1]);
      if (!message) return send(404, 'text/html; charset=utf-8', layout('Not found', '<p>No such message. <a href="/">Back to the inbox</a></p>'));
      const headerRows = Object.entries(message.headers)
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
        .join('');
      const html = message.html
        ? `<h2>HTML</h2><iframe sandbox title="HTML part" srcdoc="${escapeHtml(message.html)}"></iframe>`
        : '';
      return send(
        200,
        'text/html; charset=utf-8',
        layout(
          message.subject,
          `<p><a href="/">← Inbox</a></p><h1>${escapeHtml(message.subject)}</h1>${html}<h2>Plain text</h2><pre>${escapeHtml(message.text)}</pre><h2>Headers</h2><dl>${headerRows}</dl>`,
        ),
      );
    }
    if (url.pathname === '/') {
      const rows = store
        .map(
          (m) =>
            `<tr><td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td><td>${escapeHtml(m.to)}</td><td class="muted">${escapeHtml(new Date(m.receivedAt).toLocaleString('en-GB'))}</td></tr>`,
        )
        .join('');
      const body = store.length
        ? `<table><thead><tr><th>Subject</th><th>To</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>`
        : '<p class="muted">No messages yet. Subscribe on the Paperboy home page and the confirmation email lands here.</p>';
      return send(200, 'text/html; charset=utf-8', layout('Paperboy inbox', `<h1>Paperboy inbox <span class="muted">(${store.length})</span></h1><p class="muted">Every email Paperboy sends while running on embedded defaults is caught here; nothing leaves this machine.</p>${body}`));
    }
    send(404, 'text/plain; charset=utf-8', 'Not found');
  };
  const http: Server = createServer(handle);
  const httpPort = await freePort(options.httpPort);
  allowedHosts = new Set(['localhost', '127.0.0.1', '[::1]'].map((name) => `${name}:${httpPort}`));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(httpPort, '127.0.0.1', () => resolve());
  });

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    smtpPort,
    inboxUrl: `http://localhost:${httpPort}`,
    messages: () => [...store],
    stop: async () => {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((r) => http.close(() => r())), new Promise<void>((r) => smtp.close(() => r()))]);
    },
  };
}
