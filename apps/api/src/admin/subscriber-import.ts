import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { fieldErrorsOf } from '@app/platform';
import { splitKeywords, subscribeSchema } from '@app/subscribers';

export const MAX_IMPORT_ROWS = 10000;

/** One imported row: the public subscribe fields plus the settings an operator may carry over. */
export const importRowSchema = subscribeSchema.extend({
  deliveryHour: z.number().int().min(0).max(23, { message: 'must be between 0 and 23' }).optional(),
  maxPapers: z.number().int().min(1).max(50, { message: 'must be between 1 and 50' }).optional(),
});
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
      rejected.push({ row, email, reason: fieldErrorsOf(parsed.error).message });
    }
  });
  return { rows, rejected };
}

/**
 * CSV with a header row: email, topics, keywords, timezone, frequency,
 * deliveryHour, maxPapers. Lists inside a cell are separated by ";".
 */
export function csvToRows(text: string): unknown[] {
  const records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>;
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value === '' || value === undefined) continue;
      if (key === 'topics') row.topics = value.split(';').map((t) => t.trim()).filter(Boolean);
      else if (key === 'keywords') row.keywords = splitKeywords(value.replace(/;/g, ','));
      else if (key === 'deliveryHour' || key === 'maxPapers') row[key] = Number(value);
      else row[key] = value;
    }
    return row;
  });
}
