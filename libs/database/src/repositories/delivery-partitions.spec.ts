import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { addDays, localDatesAt } from '@app/delivery/rules';
import { DATABASES, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { recordingSql, type RecordedStatement } from '../../../../test/support/recording-sql.js';
import { DeliveryRepository } from './delivery.repository.js';
import { sqlOf } from './sql.js';

/*
 * "Every delivery query hits one partition": each statement the repository runs about one
 * edition, EXPLAINed with its real values over a table with a week of full partitions, reads only
 * that edition's partition, both as a custom plan (pruned when planned) and as a generic plan
 * (pruned when it starts: what a named prepared statement gets after a few runs). The due-readers
 * probe reads only the days some reader's local date can be at that instant. `openEditions`, the
 * known exception, probes every partition, and reads at most one row of each.
 */
const EDITION = '2026-11-29';
const DAYS = [-3, -2, -1, 0, 1, 2, 3].map((n) => addDays(EDITION, n));
const READERS = 2000;
const partitionOf = (day: string) => `deliveries_p${day.replace(/-/g, '')}`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

interface PartitionScan {
  relation: string;
  type: string;
  /** With EXPLAIN ANALYZE: rows returned per loop, loops, rows read and dropped by the filter. */
  rows?: number;
  loops?: number;
  removed?: number;
}

/** Every scan of a deliveries partition in a plan. */
function partitionScans(node: PlanNode, found: PartitionScan[] = []): PartitionScan[] {
  const relation = node['Relation Name'];
  if (relation?.startsWith('deliveries') && node['Node Type'].endsWith('Scan')) {
    found.push({ relation, type: node['Node Type'], rows: node['Actual Rows'], loops: node['Actual Loops'], removed: node['Rows Removed by Filter'] });
  }
  for (const child of node.Plans ?? []) partitionScans(child, found);
  return found;
}

/** A value as an SQL literal, for EXECUTE (arrays as Postgres array literals, like pg sends them). */
function literal(client: pg.Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return client.escapeLiteral(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return client.escapeLiteral(String(value));
}

async function plans(client: pg.Client, statement: RecordedStatement): Promise<{ custom: PlanNode; generic: PlanNode }> {
  await client.query('SET plan_cache_mode = force_custom_plan');
  const [custom] = (await client.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, [...statement.values])).rows[0]['QUERY PLAN'];
  await client.query('SET plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE explained AS ${statement.text}`);
  try {
    const args = statement.values.length ? `(${statement.values.map((v) => literal(client, v)).join(', ')})` : '';
    const [generic] = (await client.query(`EXPLAIN (FORMAT JSON) EXECUTE explained${args}`)).rows[0]['QUERY PLAN'];
    return { custom: custom.Plan, generic: generic.Plan };
  } finally {
    await client.query('DEALLOCATE explained');
    await client.query('RESET plan_cache_mode');
  }
}

describe.each(DATABASES)('delivery statements read one partition (%s)', (_name, start) => {
  let backend: MigratedDatabase;
  let client: pg.Client;
  const statements: RecordedStatement[] = [];
  const now = new Date(`${EDITION}T12:00:00Z`);

  beforeAll(async () => {
    backend = await start();
    client = new pg.Client({ connectionString: backend.url });
    await client.connect();
    const db = backend.dataSource;
    const setup = new DeliveryRepository(sqlOf(db));
    await setup.ensurePartitions(DAYS[0], DAYS[DAYS.length - 1]);
    await db.query(
      `INSERT INTO subscribers (email, email_normalized, status, timezone, delivery_hour) SELECT 'p' || n || '@example.org', 'p' || n || '@example.org', 'active', 'UTC', 0 FROM generate_series(1, $1) n`,
      [READERS],
    );
    // Every other day is a finished edition of every reader.
    await db.query(
      `INSERT INTO deliveries (subscriber_id, edition_date, state, batch_id, sent_at) SELECT s.id, d, 'sent', 'old', now() FROM subscribers s, unnest($1::date[]) d`,
      [DAYS.filter((d) => d !== EDITION)],
    );
    const ids: string[] = (await db.query(`SELECT id FROM subscribers ORDER BY id`)).map((r: { id: string }) => r.id);

    // The life of one edition, through the repository, every statement recorded.
    const repository = new DeliveryRepository(recordingSql(sqlOf(db), statements));
    await repository.queue(EDITION, ids.map((subscriberId, i) => ({ subscriberId, batchId: i < 100 ? 'b1' : 'b2' })));
    await db.query('ANALYZE deliveries');
    const token = '00000000-0000-4000-8000-0000000000b1';
    const { claimed } = await repository.claimBatch(EDITION, 'b1', token, 60_000);
    await repository.renewClaims(EDITION, 'b1', token);
    const some = claimed.slice(0, 10).map((c) => c.subscriberId);
    await repository.markSmtpStarted(EDITION, [
      ...some.map((subscriberId) => ({ subscriberId, claimToken: token, paperIds: ['2611.00001'], messageId: `m-${subscriberId}` })),
      { subscriberId: claimed[10].subscriberId, claimToken: '00000000-0000-4000-8000-000000000bad', paperIds: [], messageId: 'm-bad' },
    ]);
    await repository.markSent(EDITION, some.slice(0, 5));
    await repository.markFinal(EDITION, [
      { subscriberId: some[5], claimToken: token, state: 'unknown', lastError: 'connection lost after DATA' },
      { subscriberId: claimed[11].subscriberId, claimToken: token, state: 'skipped', lastError: 'paused' },
    ]);
    await repository.requeue(EDITION, [{ subscriberId: claimed[12].subscriberId, claimToken: token, lastError: '451' }], 'b1-r1');
    await repository.counts(EDITION);
    const stale = await repository.stale(EDITION, 60_000, 0);
    await repository.relabel(EDITION, 'b3', { batchId: 'b2', abandoned: stale.abandoned, leaseMs: 60_000 });
    await repository.dueReaders(now, null, 100);
    await repository.dueReaders(now, ids[500], 100);
    await db.query('ANALYZE deliveries');
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await backend?.close();
  });

  /** The statements that read or write deliveries (not the partition maintenance around them). */
  const deliveryStatements = () => statements.filter((s) => /\bdeliveries\b/.test(s.text) && !/pg_inherits|paperboy_ensure_delivery_partition/.test(s.text));
  const isDueReaders = (s: RecordedStatement) => s.text.includes('AT TIME ZONE s.timezone');
  const label = (s: RecordedStatement) => s.text.replace(/\s+/g, ' ').slice(0, 90);

  it('ran every per-edition statement', () => {
    // queue, claim, renew, smtp-started (and why not), sent, final (and history), requeue, counts, stale ×3, relabel, due readers ×2
    expect(deliveryStatements().length).toBeGreaterThanOrEqual(15);
  });

  it('plans each edition statement to read only its edition’s partition, custom and generic', async () => {
    const outside: Array<{ statement: string; plan: string; relation: string }> = [];
    for (const statement of deliveryStatements().filter((s) => !isDueReaders(s))) {
      const planned = await plans(client, statement);
      for (const [kind, plan] of Object.entries(planned)) {
        for (const scan of partitionScans(plan)) if (scan.relation !== partitionOf(EDITION)) outside.push({ statement: label(statement), plan: kind, relation: scan.relation });
      }
    }
    expect(outside).toEqual([]);
  });

  it('probes for an existing delivery only in the days a reader’s local date can be at that instant', async () => {
    const { earliest, latest } = localDatesAt(now);
    const allowed = new Set(DAYS.filter((d) => d >= earliest && d <= latest).map(partitionOf));
    expect(allowed.size).toBe(2);
    const outside: Array<{ plan: string; relation: string }> = [];
    for (const statement of deliveryStatements().filter(isDueReaders)) {
      for (const [kind, plan] of Object.entries(await plans(client, statement))) {
        for (const scan of partitionScans(plan)) if (!allowed.has(scan.relation)) outside.push({ plan: kind, relation: scan.relation });
      }
    }
    expect(outside).toEqual([]);
  });

  it('finds open editions reading at most one row of each partition, however many are in flight', async () => {
    const log: RecordedStatement[] = [];
    expect(await new DeliveryRepository(recordingSql(sqlOf(backend.dataSource), log)).openEditions()).toEqual([EDITION]);
    const statement = log.find((s) => /\bdeliveries\b/.test(s.text) && !/pg_inherits/.test(s.text))!;
    const [analyzed] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, [...statement.values])).rows[0]['QUERY PLAN'];
    const scans = partitionScans(analyzed.Plan);
    // The edition in flight has ~1990 unfinished rows of 2000; every partition of the week is probed once.
    expect(new Set(scans.map((s) => s.relation))).toEqual(new Set([...DAYS.map(partitionOf), 'deliveries_default']));
    const heavy = scans.filter((s) => s.relation !== 'deliveries_default' && ((s.rows ?? 0) * (s.loops ?? 0) > 1 || (s.removed ?? 0) > 100));
    expect(heavy).toEqual([]);
  });
});
