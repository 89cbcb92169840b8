// A minimal SMTP sink for benchmarks, run as its own process so its CPU is not
// the measured process's: accepts every message, counts them, keeps nothing.
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 0);
let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      count++;
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => {
  const address = server.server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('message', () => process.send?.({ count }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
