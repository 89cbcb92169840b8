import { DECIMAL_INTEGER_REASON, parseDecimalInteger } from '@app/platform';
import { splitKeywords } from '@app/subscribers';

/**
 * What reaches a form route: an HTML form sends text fields and repeats a
 * field for each ticked checkbox, but anyone can post JSON with any shape.
 */
export type FormBody = Record<string, unknown>;

/** The form's fields in the JSON API's input shape (validated afterwards by the same schema), and what could not be read. */
export interface FormReading<T> {
  input: T;
  errors: Record<string, string>;
}

/** Reads a form's fields by their expected shape, noting each field of another shape instead of guessing. */
class FormFields {
  readonly errors: Record<string, string> = {};
  private readonly body: FormBody;

  constructor(body: unknown) {
    const isForm = typeof body === 'object' && body !== null && !Array.isArray(body);
    if (!isForm && body !== undefined) this.errors.body = 'must be form fields';
    this.body = isForm ? (body as FormBody) : {};
  }

  /**
   * A field sent once, as text. A repeated field (`email=a&email=b`) is refused
   * rather than read as its first value: two readers of one request (the
   * per-address rate limit, the form) must never see two different values.
   */
  text(field: string): string | undefined {
    const value = this.body[field];
    if (value === undefined || typeof value === 'string') return value;
    this.errors[field] = Array.isArray(value) ? 'must be given once' : 'must be text';
    return undefined;
  }

  /** A field that may repeat (checkboxes): text, or a list of texts. */
  list(field: string): string[] {
    const value = this.body[field];
    if (value === undefined) return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    this.errors[field] = 'must be a list of texts';
    return [];
  }

  /** A number typed in a text box: decimal digits only; empty means not given. */
  wholeNumber(field: string): number | undefined {
    const text = this.text(field)?.trim();
    if (text === undefined || text === '') return undefined;
    const value = parseDecimalInteger(text);
    if (value === undefined) this.errors[field] = DECIMAL_INTEGER_REASON;
    return value;
  }
}

/** Topics, keywords, time zone and frequency: the subscribe form's choices, also reviewed on the confirmation page. */
function readChoices(form: FormFields) {
  const timezone = form.text('timezone')?.trim();
  const frequency = form.text('frequency');
  return {
    topics: form.list('topics'),
    keywords: splitKeywords(form.text('keywords') ?? ''),
    ...(timezone ? { timezone } : {}),
    ...(frequency ? { frequency } : {}),
  };
}

export function readSubscribeForm(body: unknown) {
  const form = new FormFields(body);
  const input = { email: form.text('email') ?? '', ...readChoices(form) };
  return { input, errors: form.errors };
}

/** The confirmation page's form (its hidden `review` marker is not a choice). */
export function readChoicesForm(body: unknown) {
  const form = new FormFields(body);
  form.text('review');
  return { input: readChoices(form), errors: form.errors };
}

export function readPreferencesForm(body: unknown) {
  const form = new FormFields(body);
  const minUpvotes = form.wholeNumber('minUpvotes');
  const input = {
    topics: form.list('topics'),
    keywords: splitKeywords(form.text('keywords') ?? ''),
    frequency: form.text('frequency'),
    weeklyDay: form.wholeNumber('weeklyDay'),
    deliveryHour: form.wholeNumber('deliveryHour'),
    timezone: form.text('timezone')?.trim(),
    maxPapers: form.wholeNumber('maxPapers'),
    // An empty box means "no minimum".
    minUpvotes: minUpvotes ?? null,
  };
  return { input, errors: form.errors };
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
