import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { Feedback, Paper } from '@app/database';
import { NotFoundError } from '@app/platform';
import { SubscriberLinks } from '@app/subscribers';
import { cleanText } from '@app/text-safety';
import { LinkVerifier } from '../links/link-verifier.js';

export type Vote = 'up' | 'down';

/** 👍 / 👎 on a paper, from the links in a digest. The latest vote on a paper wins. */
@Injectable()
export class FeedbackService {
  private readonly tokenSecret: string;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LinkVerifier) private readonly verifier: LinkVerifier,
  ) {
    this.tokenSecret = config.tokenSecret;
  }

  /** The link a digest carries for one paper and one vote (its token is bound to the paper). */
  link(baseUrl: string, subscriberId: string, paperId: string, vote: Vote, generation = 0): string {
    return new SubscriberLinks(baseUrl, this.tokenSecret).feedback(subscriberId, paperId, vote, generation);
  }

  async paperTitle(token: string, paperId: string): Promise<string> {
    const { paper } = await this.resolve(token, paperId);
    return cleanText(paper.title);
  }

  async record(token: string, paperId: string, vote: Vote): Promise<{ title: string }> {
    const { subscriberId, paper } = await this.resolve(token, paperId);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Feedback)
      .values({ subscriberId, paperId: paper.arxivId, vote: vote === 'up' ? 1 : -1 })
      .orUpdate(['vote', 'updated_at'], ['subscriber_id', 'paper_id'])
      .execute();
    return { title: cleanText(paper.title) };
  }

  /**
   * A vote counts only on a paper the reader was sent: a token bound to the
   * paper says so itself; an unbound one (a shared per-digest token, or one
   * from before binding) needs the paper in one of the reader's deliveries.
   */
  private async resolve(token: string, paperId: string) {
    const check = await this.verifier.check(token, 'feedback', paperId);
    const paper = check.kind === 'valid' ? await this.dataSource.getRepository(Paper).findOneBy({ arxivId: paperId }) : null;
    if (check.kind !== 'valid' || !paper) throw new NotFoundError('This feedback link is not valid.');
    if (!check.paperBound && !(await this.wasSent(check.subscriber.id, paperId))) throw new NotFoundError('This feedback link is not valid.');
    return { subscriberId: check.subscriber.id, paper };
  }

  private async wasSent(subscriberId: string, paperId: string): Promise<boolean> {
    // The reader's history, not the deliveries: it is one row, and it outlives delivery retention.
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM reader_history h, jsonb_each(h.editions) AS e(date, edition)
       WHERE h.subscriber_id = $1 AND e.edition -> 'papers' @> jsonb_build_array($2::text) LIMIT 1`,
      [subscriberId, paperId],
    );
    return rows.length > 0;
  }
}
