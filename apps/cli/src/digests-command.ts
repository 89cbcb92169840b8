import type { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { DELIVERY_STATES, DeliveryRepository, finishedDeliveries, type DeliveryCounts } from '@app/database';
import { EditionPlanner } from '@app/delivery';
import type { DigestsCommand } from './cli-args.js';

const line = (c: DeliveryCounts) => DELIVERY_STATES.map((s) => `${s} ${c[s]}`).join(', ');

/** `digests run` queues the edition (the workers send it) and follows it; `digests status` prints the counts. */
export async function runDigestsCommand(app: INestApplicationContext, command: DigestsCommand): Promise<number> {
  const deliveries = app.get(DeliveryRepository);
  const counts = (date: string) => deliveries.counts(date);
  if (command.action === 'status') {
    process.stdout.write(`${command.date}: ${line(await counts(command.date))}\n`);
    return 0;
  }
  const queued = await app.get(EditionPlanner).enqueueEdition(command.date, command.subscriberId);
  process.stdout.write(`Queued ${queued} digest(s) for ${command.date}; a worker sends them.\n`);
  const bar = process.stdout.isTTY ? new SingleBar({ format: 'digests {bar} {value}/{total} | {detail}', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(queued, 0, { detail: '' });
  const deadline = Date.now() + 30 * 60 * 1000;
  let current = await counts(command.date);
  for (;;) {
    const finished = finishedDeliveries(current);
    bar?.update(Math.min(finished, queued), { detail: line(current) });
    if (finished >= queued || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 1000));
    current = await counts(command.date);
  }
  bar?.stop();
  process.stdout.write(`${command.date}: ${line(current)}\n`);
  return current.failed + current.unknown > 0 ? 1 : 0;
}
