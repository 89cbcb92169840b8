import { z } from 'zod';
import { DELIVERY_STATES, INGEST_RUN_STATUSES, SUBSCRIBER_STATUSES } from '@app/database';
import { FREQUENCIES } from '@app/subscribers';

/** Body limits: a subscribe form or JSON request is under 10 kB; an admin import may be large. */
export const JSON_BODY_LIMIT = 100 * 1024;
export const FORM_BODY_LIMIT = 100 * 1024;
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

/** A link's token in a path: opaque; one that is not valid (any more) is a 404, never a 400. */
export const linkToken = (description: string) => z.string().meta({ description });

/** The path of everything reached through a manage link. */
export const manageTokenParams = z.object({ token: linkToken('The manage token, from a digest or the confirmation page') });

/**
 * A whole number in a query string: decimal digits only ("0x10" and "1e1" are
 * not numbers here), documented as the integer it stands for.
 */
export const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { message: 'must be a whole number written with digits 0-9' })
    .transform(Number)
    .pipe(z.number().min(min, { message: `must be between ${min} and ${max}` }).max(max, { message: `must be between ${min} and ${max}` }))
    .meta({
      override: ({ jsonSchema }) => {
        for (const key of Object.keys(jsonSchema)) if (key !== 'default' && key !== 'description') delete jsonSchema[key];
        Object.assign(jsonSchema, { type: 'integer', minimum: min, maximum: max });
      },
    });

/**
 * An optional value where an empty string means "not given" (an empty form
 * field, `?date=`). A value given twice is refused; otherwise the reason is
 * the schema's own.
 */
export const blankIsAbsent = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal('').transform(() => undefined), schema], {
    error: (issue) => {
      if (Array.isArray(issue.input)) return 'must be given once';
      const reasons = (issue as { errors?: Array<Array<{ message?: string }>> }).errors;
      return reasons?.[1]?.[0]?.message;
    },
  });

// What the JSON API answers (output schemas: documentation, and what the fuzz suite checks answers against).

const isoTime = z.string().meta({ format: 'date-time' });
const day = z.string().meta({ format: 'date' });
const url = z.string().meta({ format: 'uri' });

export const topicSummarySchema = z.object({ slug: z.string(), name: z.string(), description: z.string() }).meta({ id: 'TopicSummary' });

export const preferencesViewSchema = z
  .object({
    email: z.string(),
    status: z.enum(SUBSCRIBER_STATUSES),
    topics: z.array(z.string()),
    keywords: z.array(z.string()),
    frequency: z.enum(FREQUENCIES),
    weeklyDay: z.number().int().min(0).max(6),
    deliveryHour: z.number().int().min(0).max(23),
    timezone: z.string(),
    maxPapers: z.number().int(),
    minUpvotes: z.number().int().nullable(),
    manageUrl: url,
    unsubscribeUrl: url,
  })
  .meta({ id: 'Preferences' });

const paperLinks = z
  .object({ paperPage: url.optional(), arxiv: url.optional(), pdf: url.optional(), code: url.optional(), projectPage: url.optional() })
  .meta({ description: 'Plain http(s) links only' });

export const paperSchema = z
  .object({
    arxivId: z.string(),
    title: z.string(),
    authors: z.array(z.string()),
    authorCount: z.number().int().nullable(),
    organization: z.string().nullable(),
    arxivDate: day.nullable(),
    featuredDate: day.nullable(),
    upvotes: z.number().int().nullable(),
    summary: z.string(),
    links: paperLinks,
  })
  .meta({ id: 'Paper' });

export const dayOfPapersSchema = z.object({
  date: day.nullable().meta({ description: 'The day shown (null when there are no papers at all)' }),
  previousDate: day.nullable(),
  nextDate: day.nullable(),
  papers: z.array(paperSchema),
});

export const previewSchema = z.object({
  window: z.object({ from: day, to: day }),
  maxPapers: z.number().int(),
  papers: z.array(
    z.object({
      arxivId: z.string(),
      title: z.string(),
      authors: z.array(z.string()),
      organization: z.string().nullable(),
      featuredDate: day.nullable(),
      upvotes: z.number().int().nullable(),
      links: paperLinks,
      score: z.number(),
      relevance: z.number(),
      trending: z.number(),
      feedback: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
});

export const exportSchema = z.object({
  exportedAt: isoTime,
  subscriber: preferencesViewSchema.extend({ subscribedAt: isoTime, confirmedAt: isoTime.nullable(), unsubscribedAt: isoTime.nullable() }),
  feedback: z.array(z.object({ paper: z.string(), vote: z.enum(['up', 'down']), at: isoTime })),
  deliveries: z.array(z.object({ edition: day, state: z.enum(DELIVERY_STATES), sentAt: isoTime.nullable(), papers: z.array(z.string()) })),
});

export const topicSchema = z.object({ slug: z.string(), name: z.string(), description: z.string(), query: z.string(), updatedAt: isoTime }).meta({ id: 'Topic' });

export const subscriberListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      email: z.string(),
      status: z.enum(SUBSCRIBER_STATUSES),
      timezone: z.string(),
      deliveryHour: z.number().int(),
      frequency: z.enum(FREQUENCIES),
      maxPapers: z.number().int(),
      topics: z.array(z.string()),
      keywords: z.array(z.string()),
      createdAt: isoTime,
      confirmedAt: isoTime.nullable(),
    }),
  ),
});

export const importReportSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int().meta({ description: 'Counted from 1 (the first data row of a CSV)' }), email: z.string().nullable(), reason: z.string() })),
});

const skippedEntry = z.object({ ref: z.string(), reason: z.string() });
export const ingestRunSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  day,
  status: z.enum(INGEST_RUN_STATUSES),
  fetched: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  skippedCount: z.number().int(),
  skipped: z.array(skippedEntry),
  correctedCount: z.number().int(),
  corrected: z.array(skippedEntry),
  error: z.string().nullable(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
});

const jobCounts = z.record(z.string(), z.number().int()).meta({ description: 'Jobs by state' });
export const editionStatusSchema = z.object({
  date: day,
  counts: z.record(z.enum(DELIVERY_STATES), z.number().int()),
  total: z.number().int(),
  finished: z.number().int(),
  queued: z.number().int(),
  inFlight: z.number().int(),
  queue: jobCounts,
  batches: jobCounts,
});
