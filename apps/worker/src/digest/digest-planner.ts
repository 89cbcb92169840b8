import type { EntityManager } from 'typeorm';

export interface DueDigest {
  subscriberId: string;
  /** The subscriber's local date: one edition per local day. */
  editionDate: string;
}

/**
 * Active subscribers whose local clock has reached their delivery hour (on
 * their weekday, for weekly digests) and who have no delivery for their local
 * date yet. Keyset-paginated by id so a run never holds every subscriber.
 */
export async function dueSubscribers(manager: EntityManager, now: Date, afterId: string | null, limit: number): Promise<DueDigest[]> {
  const rows: Array<{ id: string; local_date: string }> = await manager.query(
    `SELECT s.id, (($1::timestamptz) AT TIME ZONE s.timezone)::date::text AS local_date
     FROM subscribers s
     WHERE s.status = 'active' AND s.frequency <> 'paused'
       AND ($2::uuid IS NULL OR s.id > $2::uuid)
       AND extract(hour FROM ($1::timestamptz) AT TIME ZONE s.timezone) >= s.delivery_hour
       AND (s.frequency = 'daily' OR extract(dow FROM ($1::timestamptz) AT TIME ZONE s.timezone) = s.weekly_day)
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscriber_id = s.id AND d.edition_date = (($1::timestamptz) AT TIME ZONE s.timezone)::date)
     ORDER BY s.id
     LIMIT $3`,
    [now.toISOString(), afterId, limit],
  );
  return rows.map((r) => ({ subscriberId: r.id, editionDate: r.local_date }));
}

/** Active, unpaused subscribers (or just one), for an operator's run of one edition. */
export async function activeSubscriberIds(manager: EntityManager, afterId: string | null, limit: number, only?: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM subscribers
     WHERE status = 'active' AND frequency <> 'paused' AND ($1::uuid IS NULL OR id > $1::uuid) AND ($3::uuid IS NULL OR id = $3::uuid)
     ORDER BY id LIMIT $2`,
    [afterId, limit, only ?? null],
  );
  return rows.map((r) => r.id);
}
