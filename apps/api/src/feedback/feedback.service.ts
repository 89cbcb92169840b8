import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { Feedback, Paper, Subscriber } from '@app/database';
import { NotFoundError } from '@app/platform';
import { SubscriberLinks } from '@app/subscribers';
import { cleanText } from '@app/text-safety';

export type Vote = 'up' | 'down';

/** 👍 / 👎 on a paper, from the links in a digest. The latest vote on a paper wins. */
@Injectable()
export class FeedbackService {
  private readonly links: SubscriberLinks;
  private readonly tokenSecret: string;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {
    this.links = new SubscriberLinks(config.publicUrl, config.tokenSecret);
    this.tokenSecret = config.tokenSecret;
  }

  /** The link a digest carries for one paper and one vote. */
  link(baseUrl: string, subscriberId: string, paperId: string, vote: Vote): string {
    return new SubscriberLinks(baseUrl, this.tokenSecret).feedback(subscriberId, paperId, vote);
  }

  async paperTitle(token: string, paperId: string): Promise<string> {
    const { paper } = await this.resolve(token, paperId);
    return cleanText(paper.title);
  }

  async record(token: string, paperId: string, vote: Vote): Promise<{ title: string }> {
    const { subscriber, paper } = await this.resolve(token, paperId);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Feedback)
      .values({ subscriberId: subscriber.id, paperId: paper.arxivId, vote: vote === 'up' ? 1 : -1 })
      .orUpdate(['vote', 'updated_at'], ['subscriber_id', 'paper_id'])
      .execute();
    return { title: cleanText(paper.title) };
  }

  private async resolve(token: string, paperId: string) {
    const subscriberId = this.links.verify(token, 'feedback');
    const [subscriber, paper] = subscriberId
      ? await Promise.all([
          this.dataSource.getRepository(Subscriber).findOneBy({ id: subscriberId }),
          this.dataSource.getRepository(Paper).findOneBy({ arxivId: paperId }),
        ])
      : [null, null];
    if (!subscriber || !paper) throw new NotFoundError('This feedback link is not valid.');
    return { subscriber, paper };
  }
}
