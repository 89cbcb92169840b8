import { QUERY_FIELDS, type QueryField } from './query.js';

/** One term or phrase of a query found in a paper: what the reader is shown. */
export interface Hit {
  /** As the query wrote it. */
  label: string;
  fields: Set<QueryField>;
  score: number;
}

const MAX_REASONS = 3;

function formatReason(hit: Hit): string {
  const fields = QUERY_FIELDS.filter((f) => hit.fields.has(f));
  const list = fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}` : fields[0];
  return `'${hit.label}' in ${list}`;
}

/** Same label from several clauses (title:"x"^3 OR "x") reads as one reason. */
export function summarizeHits(hits: readonly Hit[]): string[] {
  const byLabel = new Map<string, Hit>();
  for (const hit of hits) {
    const key = hit.label.toLowerCase();
    const seen = byLabel.get(key);
    if (seen) {
      seen.score += hit.score;
      hit.fields.forEach((f) => seen.fields.add(f));
    } else {
      byLabel.set(key, { label: hit.label, fields: new Set(hit.fields), score: hit.score });
    }
  }
  return [...byLabel.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_REASONS)
    .map(formatReason);
}
