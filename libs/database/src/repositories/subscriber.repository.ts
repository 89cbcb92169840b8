import { DataSource, In, type EntityManager } from 'typeorm';
import { Subscriber, type SubscriberStatus, type SubscriptionChoices } from '../entities/subscriber.entity.js';
import { SubscriberKeyword } from '../entities/subscriber-keyword.entity.js';
import { SubscriberTopic } from '../entities/subscriber-topic.entity.js';
import { Suppression } from '../entities/suppression.entity.js';
import { Topic } from '../entities/topic.entity.js';
import { sqlOf } from './sql.js';

export interface SubscriberInterests {
  topics: Topic[];
  keywords: string[];
}

/** Settings a subscriber changes on the preferences page (topics and keywords apart). */
export type SubscriberSettings = Partial<Pick<Subscriber, 'timezone' | 'deliveryHour' | 'frequency' | 'weeklyDay' | 'maxPapers' | 'minUpvotes'>>;

export interface SubscriberFilter {
  status?: SubscriberStatus;
  /** A topic slug the subscriber chose. */
  topic?: string;
  /** Part of the address. */
  q?: string;
  page: number;
  pageSize: number;
}

/** One row of an operator's import, already validated. */
export interface ImportedSubscriber {
  email: { email: string; normalized: string };
  topicIds?: string[];
  keywords?: string[];
  timezone?: string;
  frequency?: Subscriber['frequency'];
  deliveryHour?: number;
  maxPapers?: number;
}

export type ConfirmResult = { state: 'confirmed'; generation: number } | { state: 'used' } | { state: 'gone' };

/**
 * Subscribers and their interests (topics, keywords): every statement about them. The multi-step
 * changes (a confirmation request, a confirmation, an import) are one transaction each, here.
 */
export class SubscriberRepository {
  constructor(private readonly db: DataSource) {}

  findById(id: string): Promise<Subscriber | null> {
    return this.db.getRepository(Subscriber).findOneBy({ id });
  }

  /**
   * Records a subscription request as the address's newest confirmation request, when a
   * confirmation email may go out now (none within `intervalMs`); returns the subscriber to mail
   * and the request's number, or null (suppressed, already active, or mailed within the hour).
   */
  recordConfirmationRequest(email: { email: string; normalized: string }, choices: SubscriptionChoices, intervalMs: number): Promise<{ subscriberId: string; number: number } | null> {
    return this.db.transaction(async (manager) => {
      if (await manager.exists(Suppression, { where: { emailNormalized: email.normalized } })) return null;
      await manager.createQueryBuilder().insert().into(Subscriber).values({ email: email.email, emailNormalized: email.normalized, status: 'pending' }).orIgnore().execute();
      const subscriber = await manager.findOneOrFail(Subscriber, { where: { emailNormalized: email.normalized }, lock: { mode: 'pessimistic_write' } });
      if (subscriber.status === 'active' || subscriber.status === 'suppressed') return null;
      // Pending or unsubscribed: a new request, if the hour's confirmation email is still to send.
      const claimed = await sqlOf(manager).query<{ confirm_request: number }>(
        `UPDATE subscribers
            SET confirmation_sent_at = now(), confirm_request = confirm_request + 1, pending_choices = $3::jsonb, status = 'pending'
          WHERE id = $1 AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - make_interval(secs => $2::double precision / 1000))
          RETURNING confirm_request`,
        [subscriber.id, intervalMs, JSON.stringify(choices)],
      );
      return claimed.length ? { subscriberId: subscriber.id, number: claimed[0].confirm_request } : null;
    });
  }

  /** Gives the hour's confirmation slot back (the email could not be queued), so a retry sends it. */
  async releaseConfirmationSlot(id: string): Promise<void> {
    await this.db.getRepository(Subscriber).update({ id }, { confirmationSentAt: null });
  }

  /**
   * Confirms request `request` of a subscriber, once, with its stored choices or the ones its owner
   * changed (topics already resolved to ids). A used or replaced request changes nothing.
   * Confirming again after an unsubscribe starts a new link generation.
   */
  confirm(id: string, request: number, changed?: { choices: SubscriptionChoices; topicIds?: string[] }): Promise<ConfirmResult> {
    return this.db.transaction(async (manager) => {
      // Locked: two clicks at once confirm once.
      const subscriber = await manager.findOne(Subscriber, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!subscriber) return { state: 'gone' };
      if (!isOpenRequest(subscriber, request)) return { state: 'used' };
      const choices = changed?.choices ?? subscriber.pendingChoices!;
      // Stored choices name topics by slug; one removed from the catalog since the request is dropped.
      const topicIds = changed ? changed.topicIds : choices.topics ? await existingTopicIds(manager, choices.topics) : undefined;
      const generation = subscriber.confirmedAt ? subscriber.linkGeneration + 1 : subscriber.linkGeneration;
      await manager.update(
        Subscriber,
        { id },
        {
          status: 'active',
          confirmedAt: new Date(),
          unsubscribedAt: null,
          pendingChoices: null,
          linkGeneration: generation,
          ...(choices.timezone ? { timezone: choices.timezone } : {}),
          ...(choices.frequency ? { frequency: choices.frequency } : {}),
        },
      );
      await replaceInterests(manager, id, topicIds, choices.keywords);
      return { state: 'confirmed', generation };
    });
  }

  /** Unsubscribes a pending or active subscriber (idempotent). */
  async unsubscribe(id: string): Promise<void> {
    await this.db.getRepository(Subscriber).update({ id, status: In(['pending', 'active']) }, { status: 'unsubscribed', unsubscribedAt: new Date() });
  }

  /** Changes settings and/or interests (an omitted list is left as it is), in one transaction. */
  async updatePreferences(id: string, settings: SubscriberSettings, topicIds?: readonly string[], keywords?: readonly string[]): Promise<Subscriber> {
    await this.db.transaction(async (manager) => {
      if (Object.keys(settings).length) await manager.update(Subscriber, { id }, settings);
      await replaceInterests(manager, id, topicIds, keywords);
    });
    return this.db.getRepository(Subscriber).findOneByOrFail({ id });
  }

  /** Raises the link generation if it is still `from` (two clicks rotate once); the new one, or null. */
  async rotateLinkGeneration(id: string, from: number): Promise<number | null> {
    const rows = await sqlOf(this.db).query<{ link_generation: number }>(
      'UPDATE subscribers SET link_generation = link_generation + 1 WHERE id = $1 AND link_generation = $2 RETURNING link_generation',
      [id, from],
    );
    return rows[0]?.link_generation ?? null;
  }

  /** Undoes a rotation to `to` (its email could not be queued), unless another one happened since. */
  async restoreLinkGeneration(id: string, to: number): Promise<void> {
    await sqlOf(this.db).query('UPDATE subscribers SET link_generation = $2 WHERE id = $1 AND link_generation = $3', [id, to, to + 1]);
  }

  /** Erases the subscriber; their interests, deliveries, history and feedback go with them (foreign keys). */
  async erase(id: string): Promise<void> {
    await this.db.getRepository(Subscriber).delete({ id });
  }

  /** A subscriber's chosen topics (by name) and keywords (alphabetical). */
  async interests(id: string): Promise<SubscriberInterests> {
    return (await this.interestsOf([id])).get(id)!;
  }

  /** The same for many subscribers (a page of a list) in three queries, not two per subscriber. */
  async interestsOf(ids: readonly string[]): Promise<Map<string, SubscriberInterests>> {
    const byId = new Map<string, SubscriberInterests>(ids.map((id) => [id, { topics: [], keywords: [] }]));
    if (ids.length === 0) return byId;
    const [chosen, keywords] = await Promise.all([
      this.db.getRepository(SubscriberTopic).find({ where: { subscriberId: In([...ids]) } }),
      this.db.getRepository(SubscriberKeyword).find({ where: { subscriberId: In([...ids]) }, order: { keyword: 'ASC' } }),
    ]);
    const topicIds = [...new Set(chosen.map((c) => c.topicId))];
    const topics = topicIds.length ? await this.db.getRepository(Topic).find({ where: { id: In(topicIds) }, order: { name: 'ASC' } }) : [];
    const chosenBy = new Map<string, Set<string>>();
    for (const c of chosen) (chosenBy.get(c.subscriberId) ?? chosenBy.set(c.subscriberId, new Set()).get(c.subscriberId)!).add(c.topicId);
    for (const [id, interests] of byId) {
      const mine = chosenBy.get(id);
      if (mine) interests.topics = topics.filter((t) => mine.has(t.id));
    }
    for (const k of keywords) byId.get(k.subscriberId)?.keywords.push(k.keyword);
    return byId;
  }

  /** A page of subscribers, newest first, with the total matching the filter. */
  async list(filter: SubscriberFilter): Promise<{ total: number; subscribers: Subscriber[] }> {
    const query = this.db.getRepository(Subscriber).createQueryBuilder('s');
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.q) query.andWhere('s.email_normalized LIKE :q', { q: `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.topic) {
      query.andWhere('EXISTS (SELECT 1 FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id WHERE st.subscriber_id = s.id AND t.slug = :topic)', { topic: filter.topic });
    }
    const [subscribers, total] = await query
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { total, subscribers };
  }

  /**
   * Imports one consented subscriber as active, idempotently by address. An explicit, consented
   * import re-activates an unsubscribed or pending address: its pending request is settled (its
   * link now says "used"), and links from a subscription that ended are signed out.
   */
  importOne(value: ImportedSubscriber): Promise<'created' | 'updated' | 'suppressed'> {
    return this.db.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Subscriber)
        .values({ email: value.email.email, emailNormalized: value.email.normalized, status: 'active', confirmedAt: new Date() })
        .orIgnore()
        .returning(['id'])
        .execute();
      const created = (inserted.raw as unknown[]).length > 0;
      const subscriber = await manager.findOneOrFail(Subscriber, { where: { emailNormalized: value.email.normalized }, lock: { mode: 'pessimistic_write' } });
      if (subscriber.status === 'suppressed') return 'suppressed';
      Object.assign(subscriber, {
        ...(value.timezone ? { timezone: value.timezone } : {}),
        ...(value.frequency ? { frequency: value.frequency } : {}),
        ...(value.deliveryHour !== undefined ? { deliveryHour: value.deliveryHour } : {}),
        ...(value.maxPapers !== undefined ? { maxPapers: value.maxPapers } : {}),
      });
      if (subscriber.status !== 'active') {
        const resubscribed = subscriber.status === 'unsubscribed';
        Object.assign(subscriber, { status: 'active', confirmedAt: subscriber.confirmedAt ?? new Date(), unsubscribedAt: null, pendingChoices: null });
        if (resubscribed) subscriber.linkGeneration += 1;
      }
      await manager.save(subscriber);
      await replaceInterests(manager, subscriber.id, value.topicIds, value.keywords);
      return created ? 'created' : 'updated';
    });
  }
}

/** A confirm link works while its request is the subscriber's newest and still unconfirmed. */
export function isOpenRequest(subscriber: Pick<Subscriber, 'status' | 'pendingChoices' | 'confirmRequest'>, request: number): boolean {
  return subscriber.status === 'pending' && subscriber.pendingChoices !== null && subscriber.confirmRequest === request;
}

async function existingTopicIds(manager: EntityManager, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  return (await manager.find(Topic, { where: { slug: In([...slugs]) }, select: { id: true } })).map((t) => t.id);
}

/** Replaces a subscriber's topics and/or keywords (an omitted list is left as it is), in the caller's transaction. */
async function replaceInterests(manager: EntityManager, subscriberId: string, topicIds?: readonly string[], keywords?: readonly string[]): Promise<void> {
  if (topicIds) {
    await manager.delete(SubscriberTopic, { subscriberId });
    if (topicIds.length) await manager.insert(SubscriberTopic, topicIds.map((topicId) => ({ subscriberId, topicId })));
  }
  if (keywords) {
    await manager.delete(SubscriberKeyword, { subscriberId });
    if (keywords.length) await manager.insert(SubscriberKeyword, keywords.map((keyword) => ({ subscriberId, keyword })));
  }
}
