// A worker-sized share of the same-transport replay, in its own process: pre-built digests of the
// real size, sent through the same MailTransport (raw, pooled) the worker uses, with fresh headers
// per message. Prints {seconds, cpuMs} as JSON. Run by pipeline-bench.ts, one per worker process.
import { readFileSync } from 'node:fs';
import { MailTransport, RawMessageWriter } from '@app/mail';

const [sinkUrl, countText, poolText, bodyFile] = process.argv.slice(2);
const count = Number(countText);
const pool = Number(poolText);
const spec = JSON.parse(readFileSync(bodyFile, 'utf8')) as { text: string[]; html: string[]; from: string; listId: string; subject: string; unsubscribeUrl: string };
// The encoded chunks as the worker holds them: shared Buffers, the same for every message.
const body = { ...spec, text: spec.text.map((c) => Buffer.from(c, 'latin1')), html: spec.html.map((c) => Buffer.from(c, 'latin1')) };
const transport = new MailTransport(sinkUrl, body.from, { maxConnections: pool });
const writer = new RawMessageWriter(body.from, body.listId);

const started = performance.now();
const cpu = process.cpuUsage();
const inFlight = new Set<Promise<unknown>>();
for (let i = 0; i < count; i++) {
  const to = `reader${i}.${process.pid}@example.org`;
  const raw = writer.write({ to, subject: body.subject, messageId: `digest.replay.${process.pid}.${i}@paperboy.example`, date: new Date(), unsubscribeUrl: body.unsubscribeUrl }, body);
  const sending = transport.sendRaw({ to, raw }).finally(() => inFlight.delete(sending));
  inFlight.add(sending);
  if (inFlight.size >= pool) await Promise.race(inFlight);
}
await Promise.all(inFlight);
const used = process.cpuUsage(cpu);
transport.close();
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 })}\n`);
