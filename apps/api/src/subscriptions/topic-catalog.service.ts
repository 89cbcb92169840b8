import { Inject, Injectable } from '@nestjs/common';
import { TopicRepository } from '@app/database';

export interface TopicSummary {
  slug: string;
  name: string;
  description: string;
}

/** The catalog as subscribers see it (no queries). */
@Injectable()
export class TopicCatalogService {
  constructor(@Inject(TopicRepository) private readonly topics: TopicRepository) {}

  async list(): Promise<TopicSummary[]> {
    return (await this.topics.all()).map(({ slug, name, description }) => ({ slug, name, description }));
  }
}
