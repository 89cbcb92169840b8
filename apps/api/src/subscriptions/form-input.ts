import { splitKeywords } from '@app/subscribers';

type FormBody = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const optionalInt = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : Number(value));

/** An HTML form's fields, turned into the JSON API's input shape (validated afterwards by the same schema). */
export function subscribeFormToInput(body: FormBody) {
  const timezone = single(body.timezone)?.trim();
  return {
    email: single(body.email) ?? '',
    topics: list(body.topics),
    keywords: splitKeywords(single(body.keywords) ?? ''),
    ...(timezone ? { timezone } : {}),
    ...(single(body.frequency) ? { frequency: single(body.frequency) } : {}),
  };
}

export function preferencesFormToInput(body: FormBody) {
  const minUpvotes = single(body.minUpvotes);
  return {
    topics: list(body.topics),
    keywords: splitKeywords(single(body.keywords) ?? ''),
    frequency: single(body.frequency),
    weeklyDay: optionalInt(single(body.weeklyDay)),
    deliveryHour: optionalInt(single(body.deliveryHour)),
    timezone: single(body.timezone)?.trim(),
    maxPapers: optionalInt(single(body.maxPapers)),
    minUpvotes: minUpvotes === undefined || minUpvotes.trim() === '' ? null : Number(minUpvotes),
  };
}
