import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SubscriberLinks } from '@app/subscribers';
import { createApiApp } from './support/http-app.js';
import { fuzzCases, operationsOf, type DocOperation, type FuzzCase, type FuzzContext } from './support/openapi-fuzz/operation-cases.js';
import { RawHttp, type RawResponse } from './support/openapi-fuzz/raw-http.js';
import { ResponseOracle } from './support/openapi-fuzz/response-oracle.js';
import { validValue, type JsonSchema } from './support/openapi-fuzz/schema-values.js';
import { createTestDatabase, testConfig, type TestDatabase } from './support/test-services.js';

/**
 * Property-based fuzzing of every operation in /docs/openapi.json against the
 * real app (Postgres, Redis): valid requests, requests that break the schema,
 * hostile parameters and bodies, wrong media types, bad credentials. Each
 * answer: never a 5xx, a documented status with its documented media type and
 * schema, and never a refusal of a request the document calls valid.
 *
 * FUZZ_RUNS (default 40) sets the requests per operation; FUZZ_SEED replays a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';
const SECRET = 'fuzz-token-secret-0123456789-0123456789';
const PAPER = '2511.00042';
const EDITION = '2026-11-20';
/** The formats the document names for rules in words (see their descriptions). */
const CUSTOM_FORMATS = ['keyword', 'keyword-list', 'topic-query', 'subscriber-csv'];

interface Seeded {
  manage: string;
  unsubscribe: string;
  feedback: string;
  view: string;
  confirm: string;
}

describe('every operation of the OpenAPI document, fuzzed (real Postgres and Redis)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: pg.Client;
  let client: RawHttp;
  let document: { paths: Record<string, never>; components: { schemas: Record<string, JsonSchema> } };
  let links: SubscriberLinks;
  let catalog: string[] = [];
  let seeded: Seeded;
  let topicsSnapshot: unknown[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Many wrong tokens from one IP: the limit on failed admin logins must not lock the suite out (checked below).
    app = await createApiApp(testConfig(database.url, { ADMIN_TOKEN, TOKEN_SECRET: SECRET, ADMIN_AUTH_FAILURES_PER_IP: '100000', RATE_LIMIT_PER_IP: '100000', SUBSCRIBE_RATE_PER_IP: '100000' }));
    await app.listen(0, '127.0.0.1');
    client = new RawHttp('127.0.0.1', (app.getHttpServer().address() as AddressInfo).port);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query(`INSERT INTO papers (arxiv_id, title, source, featured_date) VALUES ($1, 'A paper', 'test', $2)`, [PAPER, EDITION]);
    topicsSnapshot = (await db.query('SELECT * FROM topics')).rows;
    links = new SubscriberLinks('http://paperboy.test', SECRET);
    const res = await client.send({ method: 'GET', path: '/docs/openapi.json', headers: {} });
    document = JSON.parse(res.body.toString('utf8'));
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  /** Fresh subscribers for each operation (another operation may have erased, signed out or confirmed the last ones), and the catalog as it is. */
  async function seed(): Promise<void> {
    await db.query(`INSERT INTO topics SELECT * FROM json_populate_recordset(null::topics, $1) ON CONFLICT DO NOTHING`, [JSON.stringify(topicsSnapshot)]);
    catalog = (await db.query('SELECT slug FROM topics')).rows.map((r) => r.slug);
    const tag = Math.random().toString(36).slice(2, 10);
    const active = (await db.query(`INSERT INTO subscribers (email, email_normalized, status, confirmed_at) VALUES ($1, $1, 'active', now()) RETURNING id`, [`fuzz-${tag}@example.org`])).rows[0].id;
    await db.query(`INSERT INTO deliveries (subscriber_id, edition_date, state, paper_ids) VALUES ($1, $2, 'sent', $3)`, [active, EDITION, JSON.stringify([PAPER])]);
    const pending = (
      await db.query(`INSERT INTO subscribers (email, email_normalized, status, confirm_request, pending_choices, confirmation_sent_at) VALUES ($1, $1, 'pending', 1, '{}', now()) RETURNING id`, [`fuzz-pending-${tag}@example.org`])
    ).rows[0].id;
    const token = (url: string, at: number) => new URL(url).pathname.split('/')[at];
    seeded = {
      manage: token(links.manage(active), 2),
      unsubscribe: token(links.unsubscribe(active), 2),
      feedback: token(links.paperFeedbackBase(active, PAPER), 2),
      view: token(links.viewInBrowser(active, EDITION), 2),
      confirm: token(links.confirm(pending, 1, new Date(Date.now() + 3_600_000)), 2),
    };
  }

  /** Path parameters that name something real, so that valid requests reach past the lookup. */
  function known(op: DocOperation, parameter: string): string[] {
    if (parameter === 'slug') return catalog;
    if (parameter === 'paperId') return [PAPER];
    if (parameter === 'vote') return ['up', 'down'];
    if (parameter === 'date' && op.path.startsWith('/digests/')) return [EDITION];
    if (parameter !== 'token') return [];
    const root = op.path.split('/')[1];
    return [{ confirm: seeded.confirm, unsubscribe: seeded.unsubscribe, feedback: seeded.feedback, digests: seeded.view }[root] ?? seeded.manage];
  }

  /** An import CSV of ImportRow columns: the header, then rows written as the document says (lists with ";", numbers in digits). */
  function csv(context: Omit<FuzzContext, 'csv'>): fc.Arbitrary<string> {
    const row = document.components.schemas.ImportRow;
    const columns = Object.keys(row.properties ?? {});
    const cell = (value: unknown) => `"${(Array.isArray(value) ? value.join(';') : String(value)).replace(/"/g, '""')}"`;
    return fc.tuple(fc.shuffledSubarray(columns.filter((c) => c !== 'email')), fc.array(validValue(row, context.components, context.hints), { minLength: 1, maxLength: 5 })).map(([others, rows]) => {
      const header = ['email', ...others];
      const lines = rows.map((r) => header.map((c) => ((r as Record<string, unknown>)[c] === undefined ? '' : cell((r as Record<string, unknown>)[c]))).join(','));
      return `${header.join(',')}\n${lines.join('\n')}\n`;
    });
  }

  it(
    `answers every operation, ${RUNS} requests each, as the document says`,
    async () => {
      const operations = operationsOf(document as never);
      const oracle = new ResponseOracle(document.components.schemas, CUSTOM_FORMATS);
      const findings: string[] = [];
      const statuses = new Map<number, number>();
      const neverSucceeded: string[] = [];
      let requests = 0;
      const started = Date.now();
      for (const op of operations) {
        await seed();
        const success = Object.keys(op.responses).map(Number).find((status) => status < 400)!;
        let succeeded = false;
        const base = { components: document.components.schemas, hints: { components: { TopicSlug: () => catalog } }, known, adminToken: ADMIN_TOKEN };
        const context: FuzzContext = { ...base, csv: csv(base) };
        const result = await fc.check(
          fc.asyncProperty(fuzzCases(op, context), async (fuzzCase: FuzzCase) => {
            const res: RawResponse = await client.send(fuzzCase.request);
            requests++;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            succeeded ||= res.status === success;
            const problem = oracle.problem(op, fuzzCase, res);
            if (problem) throw new Error(problem);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        if (!succeeded && !result.failed) neverSucceeded.push(`${op.method.toUpperCase()} ${op.path}`);
        if (result.failed) {
          const [counterexample] = result.counterexample as [FuzzCase];
          const body = counterexample.request.body ? ` body ${JSON.stringify(counterexample.request.body.toString('utf8').slice(0, 200))}` : '';
          findings.push(
            `${op.method.toUpperCase()} ${op.path} (${counterexample.label}): ${(result.errorInstance as Error)?.message}\n  ${counterexample.request.method} ${counterexample.request.path.slice(0, 200)} ${JSON.stringify(counterexample.request.headers)}${body}\n  seed ${result.seed}, path ${result.counterexamplePath}`,
          );
        }
      }
      process.stderr.write(`API fuzz: ${operations.length} operations, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}\n`);
      expect(findings).toEqual([]);
      // The valid requests reach the end of every operation, not only its refusals.
      expect(neverSucceeded).toEqual([]);
      // Nothing here may be rate limited: a 429 would hide every answer after it.
      expect(statuses.get(429)).toBeUndefined();
      expect(operations.length).toBeGreaterThanOrEqual(38);
    },
    600_000,
  );
});
