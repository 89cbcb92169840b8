import type { EntityManager } from 'typeorm';
import { SubscriberKeyword } from '../entities/subscriber-keyword.entity.js';
import { SubscriberTopic } from '../entities/subscriber-topic.entity.js';
import { Topic } from '../entities/topic.entity.js';

export interface SubscriberInterests {
  topics: Topic[];
  keywords: string[];
}

/** A subscriber's chosen topics (by name) and keywords (alphabetical). */
export async function loadSubscriberInterests(manager: EntityManager, subscriberId: string): Promise<SubscriberInterests> {
  const [topics, keywords] = await Promise.all([
    manager
      .getRepository(Topic)
      .createQueryBuilder('t')
      .innerJoin(SubscriberTopic, 'st', 'st.topic_id = t.id')
      .where('st.subscriber_id = :id', { id: subscriberId })
      .orderBy('t.name')
      .getMany(),
    manager.getRepository(SubscriberKeyword).find({ where: { subscriberId }, order: { keyword: 'ASC' } }),
  ]);
  return { topics, keywords: keywords.map((k) => k.keyword) };
}
