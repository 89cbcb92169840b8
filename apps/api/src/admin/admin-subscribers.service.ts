import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { loadInterestsOf, replaceSubscriberInterests, Subscriber, Suppression, Topic, type SubscriberStatus } from '@app/database';
import type { ImportRow, RowRejection } from './subscriber-import.js';

export interface ImportReport {
  created: number;
  updated: number;
  rejected: RowRejection[];
}

export interface SubscriberFilter {
  status?: SubscriberStatus;
  topic?: string;
  q?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class AdminSubscribersService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Imports consented subscribers as active, idempotently by address: a
   * second import of the same list updates, never duplicates. Suppressed and
   * unknown-topic rows are rejected with a reason; the rest land.
   */
  async import(rows: Array<{ row: number; value: ImportRow }>, alreadyRejected: RowRejection[]): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, rejected: [...alreadyRejected] };
    const topics = await this.dataSource.getRepository(Topic).find({ select: { id: true, slug: true } });
    const topicIds = new Map(topics.map((t) => [t.slug, t.id]));
    // One query for the whole file rather than one per row; a subscriber suppressed meanwhile is still caught in importOne.
    const addresses = rows.map((r) => r.value.email.normalized);
    const suppressed = new Set(
      addresses.length ? (await this.dataSource.getRepository(Suppression).find({ select: { emailNormalized: true }, where: { emailNormalized: In(addresses) } })).map((x) => x.emailNormalized) : [],
    );
    const seen = new Set<string>();
    for (const { row, value } of rows) {
      const unknown = (value.topics ?? []).filter((slug) => !topicIds.has(slug));
      if (unknown.length) {
        report.rejected.push({ row, email: value.email.email, reason: `topics has unknown topic(s): ${unknown.join(', ')}` });
        continue;
      }
      if (seen.has(value.email.normalized)) {
        report.rejected.push({ row, email: value.email.email, reason: 'email appears earlier in this import' });
        continue;
      }
      seen.add(value.email.normalized);
      const outcome = suppressed.has(value.email.normalized) ? 'suppressed' : await this.dataSource.transaction((manager) => this.importOne(manager, value, topicIds));
      if (outcome === 'suppressed') report.rejected.push({ row, email: value.email.email, reason: 'email is suppressed (bounced or complained) and cannot be imported' });
      else report[outcome]++;
    }
    return report;
  }

  private async importOne(manager: EntityManager, value: ImportRow, topicIds: Map<string, string>): Promise<'created' | 'updated' | 'suppressed'> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Subscriber)
      .values({ email: value.email.email, emailNormalized: value.email.normalized, status: 'active', confirmedAt: new Date() })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = inserted.raw.length > 0;
    const subscriber = await manager.findOneOrFail(Subscriber, { where: { emailNormalized: value.email.normalized }, lock: { mode: 'pessimistic_write' } });
    if (subscriber.status === 'suppressed') return 'suppressed';
    Object.assign(subscriber, {
      ...(value.timezone ? { timezone: value.timezone } : {}),
      ...(value.frequency ? { frequency: value.frequency } : {}),
      ...(value.deliveryHour !== undefined ? { deliveryHour: value.deliveryHour } : {}),
      ...(value.maxPapers !== undefined ? { maxPapers: value.maxPapers } : {}),
    });
    // An explicit, consented import re-activates an unsubscribed or pending address. Its pending request is
    // settled (its link now says "used"), and links from a subscription that ended are signed out.
    if (subscriber.status !== 'active') {
      const resubscribed = subscriber.status === 'unsubscribed';
      Object.assign(subscriber, { status: 'active', confirmedAt: subscriber.confirmedAt ?? new Date(), unsubscribedAt: null, pendingChoices: null });
      if (resubscribed) subscriber.linkGeneration += 1;
    }
    await manager.save(subscriber);
    await replaceSubscriberInterests(manager, subscriber.id, value.topics?.map((slug) => topicIds.get(slug)!), value.keywords);
    return created ? 'created' : 'updated';
  }

  async list(filter: SubscriberFilter) {
    const query = this.dataSource.getRepository(Subscriber).createQueryBuilder('s');
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.q) query.andWhere('s.email_normalized LIKE :q', { q: `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.topic) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id WHERE st.subscriber_id = s.id AND t.slug = :topic)',
        { topic: filter.topic },
      );
    }
    const [subscribers, total] = await query
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    const interestsOf = await loadInterestsOf(this.dataSource.manager, subscribers.map((s) => s.id));
    const items = subscribers.map((s) => {
      const interests = interestsOf.get(s.id)!;
      return {
        id: s.id,
        email: s.email,
        status: s.status,
        timezone: s.timezone,
        deliveryHour: s.deliveryHour,
        frequency: s.frequency,
        maxPapers: s.maxPapers,
        topics: interests.topics.map((t) => t.slug),
        keywords: interests.keywords,
        createdAt: s.createdAt.toISOString(),
        confirmedAt: s.confirmedAt?.toISOString() ?? null,
      };
    });
    return { total, page: filter.page, pageSize: filter.pageSize, items };
  }
}
