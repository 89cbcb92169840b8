import { DataSource, In } from 'typeorm';
import { Topic } from '../entities/topic.entity.js';

export type TopicFields = Pick<Topic, 'name' | 'description' | 'query'>;

/** The topic catalog: every statement about topics. */
export class TopicRepository {
  constructor(private readonly db: DataSource) {}

  /** The whole catalog, by name. */
  all(): Promise<Topic[]> {
    return this.db.getRepository(Topic).find({ order: { name: 'ASC' } });
  }

  /** The topics of these slugs that exist (a slug not in the catalog is absent). */
  bySlugs(slugs: readonly string[]): Promise<Topic[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    return this.db.getRepository(Topic).find({ where: { slug: In([...slugs]) } });
  }

  bySlug(slug: string): Promise<Topic | null> {
    return this.db.getRepository(Topic).findOneBy({ slug });
  }

  /** A new topic, or null when the slug is taken. */
  async create(slug: string, fields: TopicFields): Promise<Topic | null> {
    const topics = this.db.getRepository(Topic);
    if (await topics.existsBy({ slug })) return null;
    return topics.save(topics.create({ slug, ...fields }));
  }

  /** The changed topic, or null when there is none with this slug. */
  async update(slug: string, fields: Partial<TopicFields>): Promise<Topic | null> {
    const topics = this.db.getRepository(Topic);
    const topic = await topics.findOneBy({ slug });
    return topic ? topics.save(Object.assign(topic, fields)) : null;
  }

  /** Whether a topic was removed (subscribers keep their other interests). */
  async remove(slug: string): Promise<boolean> {
    return ((await this.db.getRepository(Topic).delete({ slug })).affected ?? 0) > 0;
  }
}
