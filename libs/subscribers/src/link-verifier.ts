import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Subscriber, SubscriberRepository } from '@app/database';
import { SubscriberLinks } from './subscriber-links.js';

/** The purposes of links that stay valid until signed out (confirm links are checked against their request instead). */
export type LastingLinkPurpose = 'manage' | 'unsubscribe' | 'feedback' | 'view';

export type LinkCheck =
  /** The link is valid: its subscriber, and for feedback whether the token named the paper. */
  | { kind: 'valid'; subscriber: Subscriber; paperBound: boolean }
  /** A genuine token whose subscriber was erased since. */
  | { kind: 'erased' }
  /** Not a token of this purpose (malformed, tampered, expired), or one signed out since. */
  | { kind: 'invalid' };

/**
 * Checks a link's token and whether it is still signed in: a token carries
 * the subscriber's link generation when it was issued, and the subscriber's
 * current `link_generation` must match (raising it signs every older link out).
 */
@Injectable()
export class LinkVerifier {
  readonly links: SubscriberLinks;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(SubscriberRepository) private readonly subscribers: SubscriberRepository,
  ) {
    this.links = new SubscriberLinks(config.publicUrl, config.tokenSecret);
  }

  async check(token: unknown, purpose: LastingLinkPurpose, paperId?: string): Promise<LinkCheck> {
    const claims = this.links.open(token, purpose, paperId);
    if (!claims) return { kind: 'invalid' };
    const subscriber = await this.subscribers.findById(claims.subscriberId);
    if (!subscriber) return { kind: 'erased' };
    if (subscriber.linkGeneration !== claims.generation) return { kind: 'invalid' };
    return { kind: 'valid', subscriber, paperBound: claims.paperBound };
  }

  /** The subscriber of a valid link, or null (invalid, signed out or erased: all look the same from outside). */
  async subscriber(token: unknown, purpose: LastingLinkPurpose): Promise<Subscriber | null> {
    const check = await this.check(token, purpose);
    return check.kind === 'valid' ? check.subscriber : null;
  }
}
