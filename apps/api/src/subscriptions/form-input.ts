import { z } from 'zod';
import { DECIMAL_INTEGER_REASON, parseDecimalInteger } from '@app/platform';
import { blankIsAbsent } from '../openapi/api-schemas.js';
import { email, int, keywords, MAX_KEYWORDS, MAX_TOPICS, splitKeywords, subscribeFrequency, frequency, timezone, topics, topicSlug } from '@app/subscribers';

/**
 * The site's forms, as schemas of their fields: an HTML form sends text, and
 * repeats a field for each ticked checkbox. Each field is read by its
 * expected shape and then checked by the JSON API's own rules, so a form
 * cannot say what the API would refuse; the document shows each field as a
 * form sends it.
 */

/**
 * A field sent once, as text. A repeated field (`email=a&email=b`) is refused
 * rather than read as its first value: two readers of one request must never
 * see two different values.
 */
const text = () => z.string({ error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : 'must be text') });


/** Ticked checkboxes: one topic slug, or several. */
const topicBoxes = z
  .union([topicSlug, z.array(topicSlug).max(MAX_TOPICS)], { error: 'must be topic slugs like "reward-modeling"' })
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .pipe(topics);

/** The format of a text field of keywords, which JSON Schema cannot state. */
export const KEYWORD_LIST_FORMAT = 'keyword-list';

/** Keywords typed into one text box, separated by commas or new lines. */
const keywordBox = text()
  .transform(splitKeywords)
  .pipe(keywords)
  .meta({
    format: KEYWORD_LIST_FORMAT,
    description: `Keywords separated by commas or new lines: at most ${MAX_KEYWORDS}, each a Keyword (2 to 60 characters once normalized)`,
    examples: ['GRPO, reward hacking'],
  });

/**
 * A number typed in a text box: decimal digits only (not "0x10" or "1e1"),
 * blanks around it ignored; empty means not given. Documented as the integer
 * it stands for, which is how a form encodes one.
 */
const numberBox = (min: number, max: number) =>
  text()
    .transform((value, ctx) => {
      const trimmed = value.trim();
      if (trimmed === '') return undefined;
      const number = parseDecimalInteger(trimmed);
      if (number === undefined) ctx.addIssue({ code: 'custom', message: DECIMAL_INTEGER_REASON });
      return number;
    })
    .pipe(int(min, max).optional())
    .meta({
      override: ({ jsonSchema }) => {
        for (const key of Object.keys(jsonSchema)) if (key !== 'default' && key !== 'description') delete jsonSchema[key];
        Object.assign(jsonSchema, { anyOf: [{ type: 'integer', minimum: min, maximum: max }, { const: '', description: 'not given' }] });
      },
    });

/** What the subscribe form and the confirmation page both choose. */
const choiceFields = {
  // Unticked boxes and an empty text box send nothing: no topics, no keywords.
  topics: topicBoxes.default([]),
  keywords: keywordBox.default([]),
  timezone: blankIsAbsent(timezone).optional(),
  frequency: blankIsAbsent(subscribeFrequency).optional(),
};

/** The home page's form: the same choices as POST /api/subscribe. */
export const subscribeFormSchema = z.object({ email, ...choiceFields }).transform(definedOnly);

/** The confirmation page's form: the request's choices as reviewed by the owner (`review` marks it), or nothing (an empty POST confirms them as they were). */
export const confirmFormSchema = z
  .object({ review: text().optional().meta({ description: 'Present when the choices below were reviewed: they replace the request\'s' }), ...choiceFields })
  .transform(({ review, ...choices }) => (review === undefined ? undefined : definedOnly(choices)));

/** The preferences page's form: every preference at once (unticked topics and an empty keyword box clear them). */
export const preferencesFormSchema = z
  .object({
    topics: topicBoxes.default([]),
    keywords: keywordBox.default([]),
    frequency: blankIsAbsent(frequency).optional(),
    weeklyDay: numberBox(0, 6).optional(),
    deliveryHour: numberBox(0, 23).optional(),
    timezone: blankIsAbsent(timezone).optional(),
    maxPapers: numberBox(1, 50).optional(),
    // An empty box means "no minimum".
    minUpvotes: numberBox(0, 100000)
      .optional()
      .transform((value) => value ?? null),
  })
  .transform(definedOnly);

/** The object without its undefined properties: what was not given is not set. */
function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** The text fields of a form as typed, to show them again next to their errors (anything not text is dropped). */
export function textFieldsOf(body: unknown): Record<string, string | string[]> {
  const echo: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return echo;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') echo[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) echo[key] = value as string[];
  }
  return echo;
}
