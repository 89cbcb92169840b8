import type { EntityManager } from 'typeorm';
import { DELIVERY_STATES, type DeliveryState } from '../entities/delivery.entity.js';

export type DeliveryCounts = Record<DeliveryState, number>;

/** How many of an edition's deliveries are in each state (every state present, zero when none). */
export async function deliveryCounts(manager: EntityManager, editionDate: string): Promise<DeliveryCounts> {
  const rows: Array<{ state: DeliveryState; n: number }> = await manager.query(
    `SELECT state, count(*)::int AS n FROM deliveries WHERE edition_date = $1 GROUP BY state`,
    [editionDate],
  );
  return Object.fromEntries(DELIVERY_STATES.map((s) => [s, rows.find((r) => r.state === s)?.n ?? 0])) as DeliveryCounts;
}

/** Deliveries that reached a final state: everything but `claimed`. */
export const finishedDeliveries = (counts: DeliveryCounts) => counts.sent + counts.failed + counts.suppressed + counts.skipped + counts.unknown;
