import { Inject, Injectable } from '@nestjs/common';
import { FeedbackRepository, PaperRepository } from '@app/database';
import { NotFoundError } from '@app/platform';
import { LinkVerifier } from '@app/subscribers';
import { cleanText } from '@app/text-safety';

export type Vote = 'up' | 'down';

/** 👍 / 👎 on a paper, from the links in a digest. The latest vote on a paper wins. */
@Injectable()
export class FeedbackService {
  constructor(
    @Inject(FeedbackRepository) private readonly votes: FeedbackRepository,
    @Inject(PaperRepository) private readonly papers: PaperRepository,
    @Inject(LinkVerifier) private readonly verifier: LinkVerifier,
  ) {}

  async paperTitle(token: string, paperId: string): Promise<string> {
    const { paper } = await this.resolve(token, paperId);
    return cleanText(paper.title);
  }

  async record(token: string, paperId: string, vote: Vote): Promise<{ title: string }> {
    const { subscriberId, paper } = await this.resolve(token, paperId);
    await this.votes.vote(subscriberId, paper.arxivId, vote === 'up' ? 1 : -1);
    return { title: cleanText(paper.title) };
  }

  /**
   * A vote counts only on a paper the reader was sent: a token bound to the
   * paper says so itself; an unbound one (a shared per-digest token, or one
   * from before binding) needs the paper in one of the reader's deliveries.
   */
  private async resolve(token: string, paperId: string) {
    const check = await this.verifier.check(token, 'feedback', paperId);
    const paper = check.kind === 'valid' ? await this.papers.byId(paperId) : null;
    if (check.kind !== 'valid' || !paper) throw new NotFoundError('This feedback link is not valid.');
    if (!check.paperBound && !(await this.votes.wasSent(check.subscriber.id, paperId))) throw new NotFoundError('This feedback link is not valid.');
    return { subscriberId: check.subscriber.id, paper };
  }
}
