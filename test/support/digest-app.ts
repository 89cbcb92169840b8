import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { DigestShards } from '@app/queue';
import { createFullApp, type FullApp } from './full-app.js';

export interface DigestApp {
  full: FullApp;
  /** A client on the app's database. */
  db: pg.Client;
  close(): Promise<void>;
}

/** The full app for digest tests: its digest cron stays out of the way (due once a year), so the test drives the scheduler. */
export async function createDigestApp(overrides: Record<string, string> = {}): Promise<DigestApp> {
  const full = await createFullApp({ DIGEST_CRON: '0 0 1 1 *', ...overrides });
  const db = new pg.Client({ connectionString: full.database.url });
  await db.connect();
  return {
    full,
    db,
    close: async () => {
      await db.end();
      await full.close();
    },
  };
}

/** Nothing left to do: no job waiting, running or delayed on the planning queue or any shard, no delivery unfinished. */
export async function digestsDrained(full: FullApp, db: pg.Client): Promise<boolean> {
  const planning = await full.app.get<Queue>(getQueueToken('digest')).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  const batches = await full.app.get(DigestShards).jobCounts();
  const busy = [...Object.values(planning), batches.waiting, batches.active, batches.delayed, batches.prioritized].some((n) => n > 0);
  const open = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE state IN ('queued', 'claimed')`)).rows[0].n;
  return !busy && open === 0;
}

/** Polls `check` until it holds; throws `describe()` when `timeoutMs` passes first. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out: ${await describe()}`);
}
