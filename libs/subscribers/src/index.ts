export { parseEmailAddress, type EmailResult } from './email-address.js';
export { LinkTokens, TOKEN_PURPOSES, type TokenPurpose, type TokenClaims } from './link-tokens.js';
export {
  subscribeSchema,
  preferencesSchema,
  canonicalTimeZone,
  splitKeywords,
  FREQUENCIES,
  MAX_TOPICS,
  MAX_KEYWORDS,
  type SubscribeInput,
  type PreferencesInput,
} from './preferences.schema.js';
export { SubscriberLinks } from './subscriber-links.js';
