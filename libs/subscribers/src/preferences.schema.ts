import { z } from 'zod';
import { parseEmailAddress } from './email-address.js';

/** The IANA zones this runtime knows, by their names. */
export const TIME_ZONE_NAMES: readonly string[] = [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC'])].sort();
const TIME_ZONES = new Set(TIME_ZONE_NAMES);

/** Canonical IANA name for a zone the runtime knows (e.g. "europe/paris" → "Europe/Paris"), or null. */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(value)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return TIME_ZONES.has(resolved) || resolved === value ? resolved : null;
  } catch {
    return null;
  }
}

export const MAX_TOPICS = 30;
/**
 * The addresses parseEmailAddress accepts, for ASCII ones (JSON Schema, ECMA-262 with the u flag): a
 * dot-atom of at most 64 characters, then LDH labels with a last one that is not all digits.
 */
export const EMAIL_PATTERN =
  "^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";
export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 60;

/** Why a value is not text: missing, repeated (a list where one value belongs), or another type. */
const notText = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : Array.isArray(issue.input) ? 'must be given once' : `must be ${what}`;

export const email = z
  .string({ error: notText('an email address as text') })
  .transform((value, ctx) => {
    const result = parseEmailAddress(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    return { email: result.email, normalized: result.normalized };
  })
  .meta({
    // What parseEmailAddress accepts, for ASCII addresses; a domain may also be internationalized (stored in punycode).
    format: 'email',
    pattern: EMAIL_PATTERN,
    maxLength: 254,
    description: 'An email address: a dot-atom before the @ (no quoted names, at most 64 characters), a domain name (not an IP address); internationalized domains are accepted too',
    examples: ['ada@example.org'],
  });

export const topicSlug = z
  .string({ message: 'must be topic slugs like "reward-modeling"' })
  .regex(/^[a-z0-9-]{1,64}$/, { message: 'must be topic slugs like "reward-modeling"' })
  .meta({ id: 'TopicSlug', description: 'The slug of a topic of the catalog (GET /api/topics); a slug that is not in it is refused', examples: ['reward-modeling'] });

export const topics = z
  .array(topicSlug, { message: 'must be a list of topic slugs' })
  .max(MAX_TOPICS, { message: `must list at most ${MAX_TOPICS} topics` })
  .transform((list) => [...new Set(list)]);

/**
 * A keyword as it is stored and matched: NFKC (full-width and compatibility
 * forms folded), invisible characters removed (zero-width spaces and joiners,
 * direction overrides, soft hyphens, other format and control characters),
 * whitespace collapsed. What is left may be empty: a keyword of zero-width
 * spaces is nothing, and is refused.
 */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\t\n\v\f\r\u0085]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    // Removing a joiner can bring characters together that compose: normalize once more, so the result is stable.
    .normalize('NFKC');
}

/** The rule of a keyword, which JSON Schema cannot state (it is about the normalized text): named by a format of its own. */
export const KEYWORD_FORMAT = 'keyword';

export const keyword = z
  .string({ message: 'must be a list of words or phrases' })
  .transform(normalizeKeyword)
  .refine((k) => k !== '', { message: 'must not be empty or made only of invisible characters' })
  // Characters, not UTF-16 code units: 31 CJK characters are 31, as the document and Postgres count them.
  .refine((k) => [...k].length >= 2 && [...k].length <= MAX_KEYWORD_LENGTH, { message: `must each be 2 to ${MAX_KEYWORD_LENGTH} characters` })
  .meta({
    id: 'Keyword',
    format: KEYWORD_FORMAT,
    minLength: 2,
    description: `A word or phrase. Stored normalized (NFKC; invisible, format and control characters removed; whitespace collapsed and trimmed), which must leave 2 to ${MAX_KEYWORD_LENGTH} characters`,
    examples: ['reward model'],
  });

export const keywords = z
  .array(keyword, { message: 'must be a list of words or phrases' })
  .max(MAX_KEYWORDS, { message: `must list at most ${MAX_KEYWORDS} keywords` })
  // Case-insensitive de-duplication that keeps the first spelling typed.
  .transform((list) => list.filter((k, i) => list.findIndex((other) => other.toLowerCase() === k.toLowerCase()) === i));

/** Keywords typed into one text field, separated by commas or new lines. */
export function splitKeywords(text: string): string[] {
  return text.split(/[,\n]/).map((k) => k.trim()).filter(Boolean);
}

export const timezone = z
  .string({ message: 'must be an IANA time zone such as Europe/Paris' })
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value.trim());
    if (!zone) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Paris' });
      return z.NEVER;
    }
    return zone;
  })
  .meta({
    id: 'TimeZone',
    enum: TIME_ZONE_NAMES,
    description: 'An IANA time zone (other spellings of these, such as "europe/paris" or a legacy alias, are accepted and stored as the canonical name)',
    examples: ['Europe/Paris'],
  });

export const int = (min: number, max: number) =>
  z.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(min, { message: `must be between ${min} and ${max}` }).max(max, { message: `must be between ${min} and ${max}` });

export const FREQUENCIES = ['daily', 'weekly', 'paused'] as const;
export const frequency = z.enum(FREQUENCIES, { message: 'must be daily, weekly or paused' });
/** A new subscription is daily or weekly: pausing is a preference of an existing one. */
export const SUBSCRIBE_FREQUENCIES = ['daily', 'weekly'] as const;
export const subscribeFrequency = z.enum(SUBSCRIBE_FREQUENCIES, { message: 'must be daily or weekly (pausing is a preference, once subscribed)' });

/** What a subscription request chooses; also what the confirmation page lets its owner change before confirming. */
export const subscriptionChoicesSchema = z
  .object({
    topics: topics.optional(),
    keywords: keywords.optional(),
    timezone: timezone.optional(),
    frequency: subscribeFrequency.optional(),
  })
  .strict();
export type SubscriptionChoicesInput = z.infer<typeof subscriptionChoicesSchema>;

export const subscribeSchema = subscriptionChoicesSchema.extend({ email }).strict();
export type SubscribeInput = z.infer<typeof subscribeSchema>;

export const preferencesSchema = z
  .object({
    topics: topics.optional(),
    keywords: keywords.optional(),
    frequency: frequency.optional(),
    weeklyDay: int(0, 6).optional(),
    deliveryHour: int(0, 23).optional(),
    timezone: timezone.optional(),
    maxPapers: int(1, 50).optional(),
    minUpvotes: int(0, 100000).nullable().optional(),
  })
  .strict();
export type PreferencesInput = z.infer<typeof preferencesSchema>;
