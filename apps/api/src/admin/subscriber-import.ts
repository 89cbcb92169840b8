import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DECIMAL_INTEGER_REASON, fieldErrorsOf, parseDecimalInteger } from '@app/platform';
import { FREQUENCIES, splitKeywords, subscribeSchema } from '@app/subscribers';

export const MAX_IMPORT_ROWS = 10000;
/** How many fields or columns an error names before it says "and N more" (a row may carry thousands). */
const MAX_LISTED = 10;

/** One imported row: the public subscribe fields plus the settings an operator may carry over (a paused digest included). */
export const importRowSchema = subscribeSchema
  .extend({
    frequency: z.enum(FREQUENCIES, { message: 'must be daily, weekly or paused' }).optional(),
    deliveryHour: z.number({ message: DECIMAL_INTEGER_REASON }).int().min(0).max(23, { message: 'must be between 0 and 23' }).optional(),
    maxPapers: z.number({ message: DECIMAL_INTEGER_REASON }).int().min(1).max(50, { message: 'must be between 1 and 50' }).optional(),
  })
  .meta({ id: 'ImportRow' });
const IMPORT_COLUMNS = Object.keys(importRowSchema.shape);

export type ImportRow = z.infer<typeof importRowSchema>;

export interface RowRejection {
  row: number;
  email: string | null;
  reason: string;
}

export interface ParsedImport {
  rows: Array<{ row: number; value: ImportRow }>;
  rejected: RowRejection[];
}

/** A list for an error message, cut after MAX_LISTED items. */
function listed(items: readonly string[], separator = ', '): string {
  const shown = items.slice(0, MAX_LISTED).join(separator);
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

/** Validates each row on its own: one bad row is reported, the others still import. */
export function validateRows(raw: unknown[]): ParsedImport {
  const rows: ParsedImport['rows'] = [];
  const rejected: RowRejection[] = [];
  raw.forEach((candidate, index) => {
    const row = index + 1;
    const parsed = importRowSchema.safeParse(candidate);
    if (parsed.success) rows.push({ row, value: parsed.data });
    else {
      const email = typeof (candidate as { email?: unknown })?.email === 'string' ? (candidate as { email: string }).email : null;
      const { fields } = fieldErrorsOf(parsed.error);
      const reasons = Object.entries(fields).map(([field, reason]) => `${field} ${reason}`);
      rejected.push({ row, email, reason: listed(reasons, '; ') });
    }
  });
  return { rows, rejected };
}

/** The format of an import CSV, which JSON Schema cannot state. */
export const CSV_FORMAT = 'subscriber-csv';

/** An import as CSV: a header row of ImportRow columns, then one row per subscriber (each checked on its own, by validateRows). */
export const csvImportSchema = z
  .string()
  .transform((text, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message, path: ['body'] });
      return z.NEVER;
    };
    if (text.trim() === '') return fail('must be a CSV document with a header row');
    let rows: unknown[];
    try {
      rows = csvToRows(text);
    } catch (error) {
      return fail(`is not valid CSV: ${(error as Error).message}`);
    }
    if (rows.length > MAX_IMPORT_ROWS) {
      ctx.addIssue({ code: 'custom', message: `must hold at most ${MAX_IMPORT_ROWS} rows`, path: ['subscribers'] });
      return z.NEVER;
    }
    return rows;
  })
  .meta({
    format: CSV_FORMAT,
    description: `A header row naming ImportRow columns (${IMPORT_COLUMNS.join(', ')}; no others), then at most ${MAX_IMPORT_ROWS} rows; lists in a cell separated by ";", numbers in digits`,
    examples: ['email,topics,keywords\nada@example.org,rlhf;safety,reward model\n'],
  });

/**
 * CSV with a header row: email, topics, keywords, timezone, frequency,
 * deliveryHour, maxPapers. Lists inside a cell are separated by ";".
 */
export function csvToRows(text: string): unknown[] {
  const columns = (header: string[]) => {
    const names = header.map((h) => h.trim());
    const unknown = names.filter((name) => !IMPORT_COLUMNS.includes(name));
    if (unknown.length) throw new Error(`unknown column(s) ${listed(unknown.map((n) => JSON.stringify(n.slice(0, 40))))}; the columns are ${IMPORT_COLUMNS.join(', ')}`);
    return names;
  };
  const records = parse(text, { columns, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>;
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value === '' || value === undefined) continue;
      if (key === 'topics') row.topics = value.split(';').map((t) => t.trim()).filter(Boolean);
      else if (key === 'keywords') row.keywords = splitKeywords(value.replace(/;/g, ','));
      // Decimal digits only ("0x10" and "1e1" are not hours); anything else stays text, and the row is refused naming the field.
      else if (key === 'deliveryHour' || key === 'maxPapers') row[key] = parseDecimalInteger(value) ?? value;
      else row[key] = value;
    }
    return row;
  });
}
