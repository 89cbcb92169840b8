import type { z } from 'zod';

export interface FieldErrors {
  message: string;
  fields: Record<string, string>;
}

/** One message per field, the shape the API returns and forms show next to inputs. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'is not a known field';
      continue;
    }
    const field = issue.path.length ? String(issue.path[0]) : 'body';
    const message = issue.code === 'invalid_type' && issue.path.length === 0 ? 'must be a JSON object' : issue.message;
    fields[field] ??= message;
  }
  const message = Object.entries(fields)
    .map(([field, reason]) => `${field} ${reason}`)
    .join('; ');
  return { message, fields };
}
