import { LinkTokens, type TokenPurpose, type VerifiedToken } from './link-tokens.js';

/**
 * Every link Paperboy puts in front of a subscriber, each with a token for its one purpose.
 *
 * `generation` is the subscriber's `link_generation` column: links of an older
 * generation are signed out (see LinkVerifier in the API). It defaults to 0,
 * the generation of every subscriber who never signed their links out.
 */
export class SubscriberLinks {
  private readonly tokens: LinkTokens;

  constructor(
    private readonly baseUrl: string,
    tokenSecret: string,
  ) {
    this.tokens = new LinkTokens(tokenSecret);
  }

  /** A bare token of a lasting link (the confirm page hands the manage token to the page it links). */
  token(purpose: 'manage' | 'unsubscribe' | 'view' | 'feedback', subscriberId: string, generation = 0): string {
    return this.tokens.issue({ purpose, subscriberId, generation });
  }

  manage(subscriberId: string, generation = 0): string {
    return `${this.baseUrl}/preferences/${this.tokens.issue({ purpose: 'manage', subscriberId, generation })}`;
  }

  unsubscribe(subscriberId: string, generation = 0): string {
    return this.unsubscribeLink(subscriberId, generation).url;
  }

  /** The page link and its token (the mailto: List-Unsubscribe target carries the same token). */
  unsubscribeLink(subscriberId: string, generation = 0): { url: string; token: string } {
    const token = this.tokens.issue({ purpose: 'unsubscribe', subscriberId, generation });
    return { url: `${this.baseUrl}/unsubscribe/${token}`, token };
  }

  /** A 👍 or 👎 link whose token is bound to the paper: it cannot vote on any other. */
  feedback(subscriberId: string, paperId: string, vote: 'up' | 'down', generation = 0): string {
    return `${this.paperFeedbackBase(subscriberId, paperId, generation)}/${vote}`;
  }

  /** The 👍 / 👎 links of one paper share this base (append `/up` or `/down`); its token is bound to the paper. */
  paperFeedbackBase(subscriberId: string, paperId: string, generation = 0): string {
    return `${this.baseUrl}/feedback/${this.tokens.issue({ purpose: 'feedback', subscriberId, generation, paperId })}/${encodeURIComponent(paperId)}`;
  }

  /**
   * One feedback token shared by all the 👍/👎 links of a digest (append
   * `/<paper>/up|down`). It is bound to no paper, so a vote through it counts
   * only for a paper that was in one of the reader's deliveries (a database
   * check); prefer paperFeedbackBase, which binds the paper in the token.
   */
  feedbackBase(subscriberId: string, generation = 0): string {
    return `${this.baseUrl}/feedback/${this.tokens.issue({ purpose: 'feedback', subscriberId, generation })}`;
  }

  /** The confirmation link of a subscriber's `request`-th confirmation request. */
  confirm(subscriberId: string, request: number, expiresAt: Date): string {
    return `${this.baseUrl}/confirm/${this.tokens.issue({ purpose: 'confirm', subscriberId, generation: request, expiresAt })}`;
  }

  /**
   * The subscriber a link's token was issued to, or null if it is not a valid
   * token of this purpose. Checks the seal only: whether the link was signed
   * out since needs the subscriber's generation (`open`).
   */
  verify(token: unknown, purpose: TokenPurpose): string | null {
    return this.tokens.verify(token, purpose);
  }

  /** A valid token's claims (subscriber, generation, and for feedback whether it is bound to `paperId`), or null. */
  open(token: unknown, purpose: TokenPurpose, paperId?: string): VerifiedToken | null {
    return this.tokens.open(token, purpose, { paperId });
  }

  viewInBrowser(subscriberId: string, editionDate: string, generation = 0): string {
    return `${this.baseUrl}/digests/${this.tokens.issue({ purpose: 'view', subscriberId, generation })}/${editionDate}`;
  }
}
