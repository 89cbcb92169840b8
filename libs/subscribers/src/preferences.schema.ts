import { z } from 'zod';
import { parseEmailAddress } from './email-address.js';

const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);

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
export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 60;

const email = z.string({ message: 'is required' }).transform((value, ctx) => {
  const result = parseEmailAddress(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  }
  return { email: result.email, normalized: result.normalized };
});

const topics = z
  .array(z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'must be topic slugs like "reward-modeling"' }), { message: 'must be a list of topic slugs' })
  .max(MAX_TOPICS, { message: `must list at most ${MAX_TOPICS} topics` })
  .transform((list) => [...new Set(list)]);

const keywords = z
  .array(
    z
      .string({ message: 'must be a list of words or phrases' })
      .transform((k) => k.replace(/\s+/g, ' ').trim())
      // eslint-disable-next-line no-control-regex
      .refine((k) => !/[\u0000-\u001f\u007f]/.test(k), { message: 'must not contain control characters' })
      .refine((k) => k.length >= 2 && k.length <= MAX_KEYWORD_LENGTH, { message: `must each be 2 to ${MAX_KEYWORD_LENGTH} characters` }),
    { message: 'must be a list of words or phrases' },
  )
  .max(MAX_KEYWORDS, { message: `must list at most ${MAX_KEYWORDS} keywords` })
  // Case-insensitive de-duplication that keeps the first spelling typed.
  .transform((list) => list.filter((k, i) => list.findIndex((other) => other.toLowerCase() === k.toLowerCase()) === i));

/** Keywords typed into one text field, separated by commas or new lines. */
export function splitKeywords(text: string): string[] {
  return text.split(/[,\n]/).map((k) => k.trim()).filter(Boolean);
}

const timezone = z.string({ message: 'must be an IANA time zone such as Europe/Paris' }).transform((value, ctx) => {
  const zone = canonicalTimeZone(value.trim());
  if (!zone) {
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Paris' });
    return z.NEVER;
  }
  return zone;
});

const int = (min: number, max: number) =>
  z.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(min, { message: `must be between ${min} and ${max}` }).max(max, { message: `must be between ${min} and ${max}` });

export const FREQUENCIES = ['daily', 'weekly', 'paused'] as const;
const frequency = z.enum(FREQUENCIES, { message: 'must be daily, weekly or paused' });

export const subscribeSchema = z
  .object({
    email,
    topics: topics.optional(),
    keywords: keywords.optional(),
    timezone: timezone.optional(),
    frequency: frequency.optional(),
  })
  .strict();
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
