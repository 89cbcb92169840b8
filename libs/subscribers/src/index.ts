export { parseEmailAddress, type EmailResult } from './email-address.js';
export { LinkTokens, TOKEN_PURPOSES, type TokenPurpose, type TokenClaims, type VerifiedToken } from './link-tokens.js';
export {
  subscribeSchema,
  subscriptionChoicesSchema,
  preferencesSchema,
  normalizeKeyword,
  email,
  topicSlug,
  topics,
  keyword,
  keywords,
  timezone,
  frequency,
  subscribeFrequency,
  int,
  EMAIL_PATTERN,
  KEYWORD_FORMAT,
  TIME_ZONE_NAMES,
  MAX_KEYWORD_LENGTH,
  canonicalTimeZone,
  splitKeywords,
  FREQUENCIES,
  SUBSCRIBE_FREQUENCIES,
  MAX_TOPICS,
  MAX_KEYWORDS,
  type SubscribeInput,
  type SubscriptionChoicesInput,
  type PreferencesInput,
} from './preferences.schema.js';
export { SubscriberLinks } from './subscriber-links.js';
export { SUBSCRIPTION_MAIL_JOBS, CONFIRMATION_TTL_HOURS } from './subscription-mail.js';
export { SubscriptionService, CONFIRMATION_INTERVAL_MS, type PreferencesView, type ConfirmationView, type ConfirmationOutcome } from './subscription.service.js';
export { LinkVerifier, type LastingLinkPurpose, type LinkCheck } from './link-verifier.js';
export { AfterResponse } from './after-response.js';
export { SubscriptionsCoreModule } from './subscriptions.module.js';
