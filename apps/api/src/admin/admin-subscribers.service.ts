import { Inject, Injectable } from '@nestjs/common';
import { SubscriberRepository, SuppressionRepository, TopicRepository, type SubscriberFilter } from '@app/database';
import type { ImportRow, RowRejection } from './subscriber-import.js';

export type { SubscriberFilter };

export interface ImportReport {
  created: number;
  updated: number;
  rejected: RowRejection[];
}

@Injectable()
export class AdminSubscribersService {
  constructor(
    @Inject(SubscriberRepository) private readonly subscribers: SubscriberRepository,
    @Inject(TopicRepository) private readonly topics: TopicRepository,
    @Inject(SuppressionRepository) private readonly suppressions: SuppressionRepository,
  ) {}

  /**
   * Imports consented subscribers as active, idempotently by address: a
   * second import of the same list updates, never duplicates. Suppressed and
   * unknown-topic rows are rejected with a reason; the rest land.
   */
  async import(rows: Array<{ row: number; value: ImportRow }>, alreadyRejected: RowRejection[]): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, rejected: [...alreadyRejected] };
    const topicIds = new Map((await this.topics.all()).map((t) => [t.slug, t.id]));
    // One query for the whole file rather than one per row; a subscriber suppressed meanwhile is still caught by importOne.
    const suppressed = await this.suppressions.suppressedAmong(rows.map((r) => r.value.email.normalized));
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
      const outcome = suppressed.has(value.email.normalized)
        ? 'suppressed'
        : await this.subscribers.importOne({ ...value, topicIds: value.topics?.map((slug) => topicIds.get(slug)!) });
      if (outcome === 'suppressed') report.rejected.push({ row, email: value.email.email, reason: 'email is suppressed (bounced or complained) and cannot be imported' });
      else report[outcome]++;
    }
    return report;
  }

  async list(filter: SubscriberFilter) {
    const { total, subscribers } = await this.subscribers.list(filter);
    const interestsOf = await this.subscribers.interestsOf(subscribers.map((s) => s.id));
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
