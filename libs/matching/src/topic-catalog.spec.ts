import { describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { parseQuery } from './query.js';
import { TOPIC_CATALOG } from './topic-catalog.js';

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
  it('has the 21 seeded topics with their names and descriptions', async () => {
    const seeded = await statementsOf('SeedTopicCatalog1795302000000', 'up');
    expect(TOPIC_CATALOG.map((t) => [t.slug, t.name, t.description])).toEqual(seeded.map(([slug, name, description]) => [slug, name, description]));
    expect(TOPIC_CATALOG).toHaveLength(21);
  });

  it.each(TOPIC_CATALOG.map((t) => [t.slug, t.query]))('%s: the query parses', (_slug, query) => {
    expect(() => parseQuery(query)).not.toThrow();
  });

  it('is what the latest topic migration writes, and its down() restores the seeded queries', async () => {
    const up = await statementsOf('TuneTopicQueries1795310000000', 'up');
    expect(up).toEqual(TOPIC_CATALOG.map((t) => [t.query, t.description, t.slug]));

    const seeded = await statementsOf('SeedTopicCatalog1795302000000', 'up');
    const down = await statementsOf('TuneTopicQueries1795310000000', 'down');
    expect(down).toEqual(seeded.map(([slug, , description, query]) => [query, description, slug]));
  });
});
