import type { z } from 'zod';

export interface FieldErrors {
  message: string;
  fields: Record<string, string>;
}

/** One message per field, the shape the API returns and forms show next to inputs. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  // A Map, not an object: a body's "__proto__" or "constructor" key is a field name like any other.
  const fields = new Map<string, string>();
  const add = (field: string, reason: string) => {
    if (!fields.has(field)) fields.set(field, reason);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, 'is not a known field');
      continue;
    }
    const field = issue.path.length ? String(issue.path[0]) : 'body';
    add(field, issue.code === 'invalid_type' && issue.path.length === 0 ? 'must be a JSON object' : issue.message);
  }
  const message = [...fields].map(([field, reason]) => `${field} ${reason}`).join('; ');
  // fromEntries defines own properties, so "__proto__" stays a key and never becomes a prototype.
  return { message, fields: Object.fromEntries(fields) };
}
