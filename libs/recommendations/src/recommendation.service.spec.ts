import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, PaperRepository, ReaderSnapshots, runMigrationsLocked, sqlOf, TopicRepository } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-services.js';
import { RecommendationService } from './recommendation.service.js';

// Against the real throwaway Postgres that `npm test` starts: what a reader's history does to their next edition.
describe('RecommendationService with a reader history in Postgres', () => {
  let database: TestDatabase;
  let db: DataSource;
  let service: RecommendationService;
  let readerId: string;
  const now = new Date('2026-11-20T07:00:00Z');

  const paper = (arxivId: string, title: string, featuredDate: string, upvotes: number) =>
    db.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes, authors, links) VALUES ($1, $2, $3, 'test', $4, $5, '[]', '{}')`, [
      arxivId,
      title,
      `${title}. We study this for large language models.`,
      featuredDate,
      upvotes,
    ]);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions({ url: database.url, poolSize: 3 }));
    await db.initialize();
    await runMigrationsLocked(db);
    service = new RecommendationService(new PaperRepository(db), new TopicRepository(db), new ReaderSnapshots(sqlOf(db)));
    await paper('2611.00001', 'Reward model ensembles against reward hacking', '2026-11-17', 50);
    await paper('2611.00002', 'Process reward models for math reasoning', '2026-11-19', 40);
    await paper('2611.00003', 'Reward model distillation', '2026-11-20', 10);
    await paper('2611.00004', 'Reward shaping for reward models in dialogue', '2026-11-20', 30);
    await paper('2611.00005', 'Vision transformers for satellite images', '2026-11-20', 90);
    [{ id: readerId }] = await db.query(
      `INSERT INTO subscribers (email, email_normalized, status, confirmed_at, max_papers) VALUES ('Ada@Example.org', 'ada@example.org', 'active', now(), 10) RETURNING id`,
    );
    await db.query(`INSERT INTO subscriber_topics (subscriber_id, topic_id) SELECT $1, id FROM topics WHERE slug = 'reward-modeling'`, [readerId]);
    await db.query(`INSERT INTO subscriber_keywords (subscriber_id, keyword) VALUES ($1, 'reward shaping'), ($1, 'distillation')`, [readerId]);
    // Yesterday's edition went out with paper 2; today's edition is being built, and an earlier attempt of it
    // may have gone out with paper 3 (its outcome is unknown): both are in the reader's history.
    await db.query(`INSERT INTO reader_history (subscriber_id, last_sent_edition, editions) VALUES ($1, '2026-11-19', $2)`, [
      readerId,
      JSON.stringify({ '2026-11-19': { sent: true, papers: ['2611.00002'] }, '2026-11-20': { sent: false, papers: ['2611.00003'] } }),
    ]);
    await db.query(`INSERT INTO feedback (subscriber_id, paper_id, vote) VALUES ($1, '2611.00001', 1)`, [readerId]);
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('loads the whole reader in one snapshot, leaving out the edition being built', async () => {
    const snapshots = new ReaderSnapshots(sqlOf(db));
    const snapshot = await snapshots.loadOne(readerId, '2026-11-20');
    expect(snapshot?.profile).toMatchObject({ email: 'Ada@Example.org', status: 'active', maxPapers: 10, minUpvotes: null });
    expect(snapshot?.suppressed).toBe(false);
    expect(snapshot?.history).toMatchObject({
      keywords: ['distillation', 'reward shaping'],
      lastSentEdition: '2026-11-19',
      sentPaperIds: ['2611.00002'],
      feedback: [{ paperId: '2611.00001', vote: 1 }],
    });
    expect(snapshot?.history.topicIds).toHaveLength(1);
    expect(await snapshots.loadOne('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('reports a suppressed address', async () => {
    await db.query(`INSERT INTO suppressions (email_normalized, reason) VALUES ('ada@example.org', 'hard-bounce')`);
    try {
      expect((await new ReaderSnapshots(sqlOf(db)).loadOne(readerId))?.suppressed).toBe(true);
    } finally {
      await db.query(`DELETE FROM suppressions`);
    }
  });

  it('covers only papers since the last sent edition, never repeats one, and keeps the retried edition its own papers', async () => {
    const { window, papers, interests } = await service.forSubscriber({ id: readerId }, now, { editionDate: '2026-11-20' });
    // From the day before the last sent edition (the earliest it can have been built), to today.
    expect(window).toEqual({ from: '2026-11-18', to: '2026-11-20' });
    // Paper 1 predates the window, paper 2 was sent yesterday, paper 5 matches nothing the reader chose.
    expect(papers.map((p) => p.paperId).sort()).toEqual(['2611.00003', '2611.00004']);
    expect(papers.find((p) => p.paperId === '2611.00004')?.reasons.join(' ')).toMatch(/keyword "reward shaping"/);
    expect(interests.topics.map((t) => t.slug)).toEqual(['reward-modeling']);
    expect(interests.keywords).toEqual(['distillation', 'reward shaping']);
  });

  it('treats a preview (no edition) as after every edition, so today’s possibly-sent papers count as sent', async () => {
    const { papers } = await service.forSubscriber({ id: readerId }, now);
    expect(papers.map((p) => p.paperId)).toEqual(['2611.00004']);
  });
});
