import { Inject, Injectable } from '@nestjs/common';
import { RecommendationService } from '@app/recommendations';
import { SubscriptionService } from '@app/subscribers';
import { toPublicPaper } from '../papers/public-paper.js';

/** `GET /api/preferences/<t>/preview`: the ranked papers a subscriber would get now, with scores and reasons. */
@Injectable()
export class DigestPreviewService {
  constructor(
    @Inject(SubscriptionService) private readonly subscriptions: SubscriptionService,
    @Inject(RecommendationService) private readonly recommendations: RecommendationService,
  ) {}

  async preview(token: string) {
    const subscriber = await this.subscriptions.subscriberOf(token);
    const { window, papers } = await this.recommendations.forSubscriber(subscriber);
    return {
      window,
      maxPapers: subscriber.maxPapers,
      // Stored text and links through the same rules as the email and the papers page.
      papers: papers.map(({ paper, score, relevance, trending, feedback, reasons }) => {
        const shown = toPublicPaper(paper);
        return {
          arxivId: shown.arxivId,
          title: shown.title,
          authors: shown.authors,
          organization: shown.organization,
          featuredDate: shown.featuredDate,
          upvotes: shown.upvotes,
          links: shown.links,
          score: Number(score.toFixed(4)),
          relevance: Number(relevance.toFixed(4)),
          trending: Number(trending.toFixed(4)),
          feedback: Number(feedback.toFixed(4)),
          reasons,
        };
      }),
    };
  }
}
