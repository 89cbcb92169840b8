import { DataSource, In } from 'typeorm';
import { Subscriber } from '../entities/subscriber.entity.js';
import { Suppression } from '../entities/suppression.entity.js';

/** Addresses never mailed again (hard bounces, complaints, operators). */
export class SuppressionRepository {
  constructor(private readonly db: DataSource) {}

  /** The addresses (normalized) among these that are suppressed, in one query. */
  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    if (addresses.length === 0) return new Set();
    const rows = await this.db.getRepository(Suppression).find({ select: { emailNormalized: true }, where: { emailNormalized: In([...addresses]) } });
    return new Set(rows.map((r) => r.emailNormalized));
  }

  /** A permanent SMTP refusal: the address goes on the suppression list and its subscriber is never mailed again. */
  async suppressAfterHardBounce(subscriber: { id: string; emailNormalized: string }, smtpMessage: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(Suppression).values({ emailNormalized: subscriber.emailNormalized, reason: 'hard-bounce', detail: smtpMessage.slice(0, 500) }).orIgnore().execute();
      await manager.update(Subscriber, { id: subscriber.id }, { status: 'suppressed' });
    });
  }
}
