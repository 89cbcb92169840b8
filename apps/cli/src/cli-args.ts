import { parseArgs } from 'node:util';
import { isCalendarDay } from '@app/platform';

export interface IngestCommand {
  command: 'ingest';
  source: string;
  days: string[];
  file?: string;
  year?: number;
}

export interface DigestsCommand {
  command: 'digests';
  action: 'run' | 'status';
  date: string;
  subscriberId?: string;
}

/** `--help`, `-h` or `help`: print the usage and exit 0. */
export interface HelpCommand {
  command: 'help';
}

export type CliCommand = IngestCommand | DigestsCommand | HelpCommand;

export class CliUsageError extends Error {}

export const USAGE = `Usage:
  npm run cli -- --help                                              (this text)
  npm run cli -- digests run --date YYYY-MM-DD [--subscriber <id>]   (send that edition now; waits with a progress bar)
  npm run cli -- digests status --date YYYY-MM-DD
  npm run cli -- ingest --source <daily-papers|arxiv|sample|file|listing-page> --from YYYY-MM-DD [--to YYYY-MM-DD]
                        [--file path]   (file: JSON/JSONL in the Daily Papers shape; listing-page: a saved page)
                        [--year YYYY]   (listing-page: the year the page was saved)`;

const MAX_DAYS = 366;


/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  source: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  file: { type: 'string' },
  year: { type: 'string' },
  date: { type: 'string' },
  subscriber: { type: 'string' },
} as const;

/** parseArgs, with its refusals (an unknown option, a missing value) as usage errors rather than crashes. */
function readArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message.split('. ')[0].replace(/\.$/, '') : String(error));
  }
}

export function parseCli(argv: string[]): CliCommand {
  const { values, positionals } = readArgs(argv);
  if (values.help || positionals[0] === 'help') return { command: 'help' };
  if (positionals[0] === 'digests') {
    const action = positionals[1];
    if (action !== 'run' && action !== 'status') throw new CliUsageError('digests needs "run" or "status"');
    if (!values.date || !isCalendarDay(values.date)) throw new CliUsageError('--date must be a date like 2026-11-20');
    if (values.subscriber && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.subscriber)) throw new CliUsageError('--subscriber must be a subscriber id (UUID)');
    return { command: 'digests', action, date: values.date, subscriberId: values.subscriber };
  }
  if (positionals[0] !== 'ingest') throw new CliUsageError(positionals[0] ? `unknown command "${positionals[0]}"` : 'missing command');
  if (!values.source) throw new CliUsageError('--source is required');
  const needsFile = values.source === 'file' || values.source === 'listing-page';
  if (needsFile && !values.file) throw new CliUsageError(`--file is required for --source ${values.source}`);
  if (values.source === 'listing-page' && values.year && !/^\d{4}$/.test(values.year)) throw new CliUsageError('--year must be a year like 2026');
  const year = values.year ? Number(values.year) : undefined;
  if (values.source === 'listing-page' && !values.from) {
    // A listing page has one day; the command finds it.
    return { command: 'ingest', source: values.source, days: [], file: values.file, year };
  }
  if (!values.from || !isCalendarDay(values.from)) throw new CliUsageError('--from must be a date like 2026-11-01');
  const to = values.to ?? values.from;
  if (!isCalendarDay(to)) throw new CliUsageError('--to must be a date like 2026-11-20');
  if (to < values.from) throw new CliUsageError('--to must not be before --from');
  const days = daysBetween(values.from, to);
  if (days.length > MAX_DAYS) throw new CliUsageError(`at most ${MAX_DAYS} days at a time`);
  return { command: 'ingest', source: values.source, days, file: values.file, year };
}
