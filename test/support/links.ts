import type { AppConfig } from '@app/config';
import { SubscriberLinks } from '@app/subscribers';

/** The links Paperboy would mail a subscriber, for tests that act as that subscriber. */
export function linksFor(config: Pick<AppConfig, 'publicUrl' | 'tokenSecret'>, baseUrl = config.publicUrl): SubscriberLinks {
  return new SubscriberLinks(baseUrl, config.tokenSecret);
}
