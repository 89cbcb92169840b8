import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Paper } from '@app/database';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../test/support/test-services.js';
import { createIngestContext } from '../../../test/support/ingest-context.js';
import { IngestService } from './ingest.service.js';
import { SampleSource } from './sources/sample-source.js';

describe('IngestService with the bundled sample (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createIngestContext(testConfig(database.url));
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('upserts a day idempotently: the second run updates, never duplicates', async () => {
    const ingest = app.get(IngestService);
    const day = app.get(SampleSource).days().at(-1)!;
    const first = await ingest.run('sample', day);
    expect(first).toMatchObject({ status: 'succeeded', updatedCount: 0 });
    expect(first.createdCount).toBeGreaterThan(10);
    expect(first.createdCount).toBe(first.fetched);

    const papers = app.get(DataSource).getRepository(Paper);
    const before = await papers.count();
    const paper = await papers.findOneByOrFail({ featuredDate: day });
    await papers.update({ arxivId: paper.arxivId }, { upvotes: 999999, title: 'stale title' });

    const second = await ingest.run('sample', day);
    expect(second).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: first.createdCount });
    expect(await papers.count()).toBe(before);
    const refreshed = await papers.findOneByOrFail({ arxivId: paper.arxivId });
    expect(refreshed.title).toBe(paper.title);
    expect(refreshed.upvotes).toBe(paper.upvotes);
  });

  it('treats a day without papers as a normal, empty run', async () => {
    const run = await app.get(IngestService).run('sample', '2001-01-01');
    expect(run).toMatchObject({ status: 'succeeded', fetched: 0, createdCount: 0, updatedCount: 0 });
  });

  it('refuses an unknown source by name', async () => {
    await expect(app.get(IngestService).run('nowhere', '2026-11-20')).rejects.toThrow(/unknown source "nowhere"/);
  });
});
