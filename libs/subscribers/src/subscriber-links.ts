import { LinkTokens, type TokenPurpose } from './link-tokens.js';

/** Every link Paperboy puts in front of a subscriber, each with a token for its one purpose. */
export class SubscriberLinks {
  private readonly tokens: LinkTokens;

  constructor(
    private readonly baseUrl: string,
    tokenSecret: string,
  ) {
    this.tokens = new LinkTokens(tokenSecret);
  }

  manage(subscriberId: string): string {
    return `${this.baseUrl}/preferences/${this.tokens.issue({ purpose: 'manage', subscriberId })}`;
  }

  unsubscribe(subscriberId: string): string {
    return this.unsubscribeLink(subscriberId).url;
  }

  /** The page link and its token (the mailto: List-Unsubscribe target carries the same token). */
  unsubscribeLink(subscriberId: string): { url: string; token: string } {
    const token = this.tokens.issue({ purpose: 'unsubscribe', subscriberId });
    return { url: `${this.baseUrl}/unsubscribe/${token}`, token };
  }

  feedback(subscriberId: string, paperId: string, vote: 'up' | 'down'): string {
    return `${this.feedbackBase(subscriberId)}/${encodeURIComponent(paperId)}/${vote}`;
  }

  /** One feedback token per digest, shared by all its 👍/👎 links (smaller email, same safety). */
  feedbackBase(subscriberId: string): string {
    return `${this.baseUrl}/feedback/${this.tokens.issue({ purpose: 'feedback', subscriberId })}`;
  }

  /** The subscriber a link's token was issued to, or null if it is not a valid token of this purpose. */
  verify(token: unknown, purpose: TokenPurpose): string | null {
    return this.tokens.verify(token, purpose);
  }

  viewInBrowser(subscriberId: string, editionDate: string): string {
    return `${this.baseUrl}/digests/${this.tokens.issue({ purpose: 'view', subscriberId })}/${editionDate}`;
  }
}
