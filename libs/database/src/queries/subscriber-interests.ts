import { In, type EntityManager } from 'typeorm';
import { SubscriberKeyword } from '../entities/subscriber-keyword.entity.js';
import { SubscriberTopic } from '../entities/subscriber-topic.entity.js';
import { Topic } from '../entities/topic.entity.js';

export interface SubscriberInterests {
  topics: Topic[];
  keywords: string[];
}

/** A subscriber's chosen topics (by name) and keywords (alphabetical). */
export async function loadSubscriberInterests(manager: EntityManager, subscriberId: string): Promise<SubscriberInterests> {
  return (await loadInterestsOf(manager, [subscriberId])).get(subscriberId)!;
}

/** The same for many subscribers (a page of a list) in three queries, not two per subscriber. */
export async function loadInterestsOf(manager: EntityManager, subscriberIds: readonly string[]): Promise<Map<string, SubscriberInterests>> {
  const byId = new Map<string, SubscriberInterests>(subscriberIds.map((id) => [id, { topics: [], keywords: [] }]));
  if (subscriberIds.length === 0) return byId;
  const ids = [...subscriberIds];
  const [chosen, keywords] = await Promise.all([
    manager.getRepository(SubscriberTopic).find({ where: { subscriberId: In(ids) } }),
    manager.getRepository(SubscriberKeyword).find({ where: { subscriberId: In(ids) }, order: { keyword: 'ASC' } }),
  ]);
  const topicIds = [...new Set(chosen.map((c) => c.topicId))];
  const topics = topicIds.length ? await manager.getRepository(Topic).find({ where: { id: In(topicIds) }, order: { name: 'ASC' } }) : [];
  const chosenBy = new Map<string, Set<string>>();
  for (const c of chosen) (chosenBy.get(c.subscriberId) ?? chosenBy.set(c.subscriberId, new Set()).get(c.subscriberId)!).add(c.topicId);
  for (const [id, interests] of byId) {
    const mine = chosenBy.get(id);
    if (mine) interests.topics = topics.filter((t) => mine.has(t.id));
  }
  for (const k of keywords) byId.get(k.subscriberId)?.keywords.push(k.keyword);
  return byId;
}

/** Replaces a subscriber's topics and/or keywords (an omitted list is left as it is). Run it in the caller's transaction. */
export async function replaceSubscriberInterests(manager: EntityManager, subscriberId: string, topicIds?: readonly string[], keywords?: readonly string[]): Promise<void> {
  if (topicIds) {
    await manager.delete(SubscriberTopic, { subscriberId });
    if (topicIds.length) await manager.insert(SubscriberTopic, topicIds.map((topicId) => ({ subscriberId, topicId })));
  }
  if (keywords) {
    await manager.delete(SubscriberKeyword, { subscriberId });
    if (keywords.length) await manager.insert(SubscriberKeyword, keywords.map((keyword) => ({ subscriberId, keyword })));
  }
}
