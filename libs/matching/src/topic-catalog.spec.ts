import { describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { parseQuery } from './query.js';
import { ALL_OF_AI_TOPICS, SEEDED_TOPICS, TOPIC_CATALOG } from './topic-catalog.js';

/** The parameter lists a migration sends, without a database. */
async function statementsOf(name: string, direction: 'up' | 'down'): Promise<unknown[][]> {
  const Migration = MIGRATIONS.find((m) => new m().name === name);
  if (!Migration) throw new Error(`no migration ${name}`);
  const sent: unknown[][] = [];
  // Only query() is used by these data migrations; nothing else of QueryRunner is needed.
  const runner = { query: async (_sql: string, parameters: unknown[] = []) => void sent.push(parameters) } as unknown as QueryRunner;
  const migration: MigrationInterface = new Migration();
  await migration[direction](runner);
  return sent;
}

describe('TOPIC_CATALOG', () => {
  it('starts with the 21 seeded topics with their names and descriptions', async () => {
    const seeded = await statementsOf('SeedTopicCatalog1795302000000', 'up');
    expect(SEEDED_TOPICS.map((t) => [t.slug, t.name, t.description])).toEqual(seeded.map(([slug, name, description]) => [slug, name, description]));
    expect(SEEDED_TOPICS).toHaveLength(21);
    expect(TOPIC_CATALOG.slice(0, 21)).toEqual(SEEDED_TOPICS);
  });

  it('covers all of AI with 40 topics: unique slugs and names, each added topic described', () => {
    expect(TOPIC_CATALOG).toHaveLength(40);
    expect(TOPIC_CATALOG.slice(21)).toEqual(ALL_OF_AI_TOPICS);
    expect(new Set(TOPIC_CATALOG.map((t) => t.slug)).size).toBe(40);
    expect(new Set(TOPIC_CATALOG.map((t) => t.name.toLowerCase())).size).toBe(40);
    for (const topic of ALL_OF_AI_TOPICS) {
      expect(topic.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(topic.description.length).toBeGreaterThan(20);
    }
  });

  it.each(TOPIC_CATALOG.map((t) => [t.slug, t.query]))('%s: the query parses', (_slug, query) => {
    expect(() => parseQuery(query)).not.toThrow();
  });

  it('seeded topics are what the latest topic migration writes, and its down() restores the seeded queries', async () => {
    const up = await statementsOf('TuneTopicQueries1795310000000', 'up');
    expect(up).toEqual(SEEDED_TOPICS.map((t) => [t.query, t.description, t.slug]));

    const seeded = await statementsOf('SeedTopicCatalog1795302000000', 'up');
    const down = await statementsOf('TuneTopicQueries1795310000000', 'down');
    expect(down).toEqual(seeded.map(([slug, , description, query]) => [query, description, slug]));
  });
});
