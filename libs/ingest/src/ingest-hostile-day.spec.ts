import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Paper } from '@app/database';
import type { NormalizedPaper } from '@app/ingest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../test/support/test-services.js';
import { createIngestContext } from '../../../test/support/ingest-context.js';
import { IngestService } from './ingest.service.js';
import { DailyPapersFileSource } from './sources/file-sources.js';
import type { PaperSource } from './sources/paper-source.js';

const DAY = '2026-11-20';
const FEATURED = `${DAY}T12:00:00.000Z`;

const entry = (id: string, paper: Record<string, unknown> = {}, outer: Record<string, unknown> = {}) => ({
  paper: { id, title: `Paper ${id}`, summary: `The abstract of ${id}.`, publishedAt: '2026-11-18T00:00:00.000Z', upvotes: 3, ...paper },
  publishedAt: FEATURED,
  ...outer,
});

const GOOD = ['2511.00001', '2511.00002', '2511.00003'];

// Each of these was accepted by the parser and then rejected by Postgres, failing the whole day.
const HOSTILE = [
  entry('2511.00101', { upvotes: 2 ** 31 }),
  entry('2511.00102', { authorCount: 2 ** 31 }),
  entry('2511.00103', { organization: { name: 'org', fullname: 'Institute '.repeat(30) } }),
  entry('2511.00104', { title: 'Null\u0000 byte in the title' }),
  entry('2511.00105', { summary: 'Null byte \u0000 in the abstract', authors: [{ name: 'Ada\u0000 Lovelace' }], ai_keywords: ['key\u0000word'] }),
  entry('2511.00106', { publishedAt: '0000-01-01T00:00:00.000Z' }),
  entry('2511.00107', { withdrawnAt: '0000-01-01T00:00:00.000Z' }),
  entry('2511.00108', { discussionId: 'raw field with \u0000 in it' }),
  entry('2511.00109', { publishedAt: '+275760-09-13T00:00:00.000Z' }),
  entry('averyveryveryverylongarchivename-th/9901001'),
];

describe('IngestService: one hostile entry never loses the day (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let dir: string;
  const papers = () => app.get(DataSource).getRepository(Paper);

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createIngestContext(testConfig(database.url));
    await app.init();
    dir = mkdtempSync(path.join(tmpdir(), 'paperboy-hostile-'));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(HOSTILE.map((hostile) => [hostile.paper.id, hostile] as const))('lands every good paper of a JSONL day that also holds %s', async (id, hostile) => {
    await papers().query('DELETE FROM papers');
    const file = path.join(dir, `${id.replace(/\W/g, '_')}.jsonl`);
    const lines = [entry(GOOD[0]), hostile, entry(GOOD[1]), entry(GOOD[2])].map((e) => JSON.stringify(e));
    writeFileSync(file, lines.join('\n'));

    const run = await app.get(IngestService).run(new DailyPapersFileSource(file), DAY);

    expect(run.status).toBe('succeeded');
    const rows = await papers().find({ where: { featuredDate: DAY } });
    const stored = rows.map((p) => p.arxivId);
    expect(stored).toEqual(expect.arrayContaining(GOOD));
    expect(JSON.stringify(rows)).not.toContain('\\u0000');
    // The hostile entry either landed, cleaned and bounded, or is reported with a reason.
    const reported = [...run.skipped, ...run.corrected].map((s) => `${s.ref}: ${s.reason}`).join('\n');
    if (!stored.includes(id)) expect(run.skipped.map((s) => s.ref).join()).toContain(id.slice(0, 20));
    else expect(reported).not.toMatch(/refused by the database/);
  });

  it('falls back to one upsert per paper when the batch fails, skipping and reporting only the bad one', async () => {
    // A source that bypasses every parser check: only the database can refuse these.
    const paper = (arxivId: string, overrides: Partial<NormalizedPaper> = {}): NormalizedPaper => ({
      arxivId,
      title: `Paper ${arxivId}`,
      abstract: 'An abstract.',
      aiSummary: null,
      authors: [],
      authorCount: null,
      organization: null,
      arxivDate: null,
      featuredDate: DAY,
      upvotes: 1,
      links: {},
      keywords: [],
      withdrawnAt: null,
      source: 'raw',
      raw: null,
      ...overrides,
    });
    const batch = [paper('2511.00201'), paper('2511.00202', { upvotes: 2 ** 31 }), paper('2511.00203', { title: 'nul \u0000' }), paper('2511.00204')];
    const source: PaperSource = { name: 'raw', fetchDay: async () => ({ fetched: batch.length, papers: batch, skipped: [] }) };

    const run = await app.get(IngestService).run(source, DAY);

    expect(run).toMatchObject({ status: 'succeeded', createdCount: 2, skippedCount: 2 });
    expect(run.skipped.map((s) => s.ref)).toEqual([expect.stringContaining('2511.00202'), expect.stringContaining('2511.00203')]);
    expect(run.skipped.every((s) => s.reason.length > 0)).toBe(true);
    const stored = await papers().findBy({ source: 'raw' });
    expect(stored.map((p) => p.arxivId).sort()).toEqual(['2511.00201', '2511.00204']);
  });
});
