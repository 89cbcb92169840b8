import { DataSource } from 'typeorm';
import { Feedback } from '../entities/feedback.entity.js';
import { sqlOf } from './sql.js';

/** 👍 / 👎 votes; the latest vote on a paper wins. */
export class FeedbackRepository {
  constructor(private readonly db: DataSource) {}

  async vote(subscriberId: string, paperId: string, vote: 1 | -1): Promise<void> {
    await this.db.createQueryBuilder().insert().into(Feedback).values({ subscriberId, paperId, vote }).orUpdate(['vote', 'updated_at'], ['subscriber_id', 'paper_id']).execute();
  }

  bySubscriber(subscriberId: string): Promise<Feedback[]> {
    return this.db.getRepository(Feedback).find({ where: { subscriberId }, order: { createdAt: 'ASC' } });
  }

  /** Whether the paper was in one of the subscriber's editions kept in their history (sent, or possibly sent). */
  async wasSent(subscriberId: string, paperId: string): Promise<boolean> {
    const rows = await sqlOf(this.db).query(
      `SELECT 1 FROM reader_history h, jsonb_each(h.editions) AS e(date, edition)
       WHERE h.subscriber_id = $1 AND e.edition -> 'papers' @> jsonb_build_array($2::text) LIMIT 1`,
      [subscriberId, paperId],
    );
    return rows.length > 0;
  }
}
