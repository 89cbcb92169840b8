import net from 'node:net';

export interface SmtpWireRecorder {
  url: string;
  /** Every command line received, byte for byte as sent (latin1), message bodies excluded. */
  commands(): string[];
  stop(): Promise<void>;
}

/**
 * A minimal SMTP server that records the commands exactly as they arrive on
 * the wire. The mail catcher (smtp-server) decodes punycode domains in the
 * envelope before reporting them, so it cannot show what a client sent.
 */
export async function startSmtpWireRecorder(): Promise<SmtpWireRecorder> {
  const lines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write('220 recorder ESMTP\r\n');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 2.0.0 accepted\r\n');
          }
          continue;
        }
        lines.push(line);
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250-recorder\r\n250 8BITMIME\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) {
          socket.write('221 bye\r\n');
          socket.end();
        } else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    commands: () => [...lines],
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
