import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Topic } from '@app/database';

export interface TopicSummary {
  slug: string;
  name: string;
  description: string;
}

@Injectable()
export class TopicCatalogService {
  constructor(@InjectRepository(Topic) private readonly topics: Repository<Topic>) {}

  async list(): Promise<TopicSummary[]> {
    const topics = await this.topics.find({ order: { name: 'ASC' }, select: { slug: true, name: true, description: true } });
    return topics.map(({ slug, name, description }) => ({ slug, name, description }));
  }
}
