import { describe, expect, it } from '@jest/globals';
import { CliUsageError, daysBetween, parseCli } from './cli-args.js';

describe('CLI arguments', () => {
  it('expands a date range, inclusive', () => {
    const command = parseCli(['ingest', '--source', 'daily-papers', '--from', '2026-11-01', '--to', '2026-11-03']);
    expect(command.command === 'ingest' && command.days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('defaults --to to --from', () => {
    const command = parseCli(['ingest', '--source', 'arxiv', '--from', '2026-11-20']);
    expect(command.command === 'ingest' && command.days).toEqual(['2026-11-20']);
  });

  it('reads digest commands', () => {
    expect(parseCli(['digests', 'run', '--date', '2026-11-20'])).toEqual({ command: 'digests', action: 'run', date: '2026-11-20', subscriberId: undefined });
    expect(() => parseCli(['digests', 'send', '--date', '2026-11-20'])).toThrow('"run" or "status"');
    expect(() => parseCli(['digests', 'run', '--date', '2026-11-20', '--subscriber', 'bob'])).toThrow('UUID');
  });

  it.each([['--help'], ['-h'], ['help'], ['ingest', '--help'], ['digests', '--help']])('reads %j as a request for the usage', (...argv) => {
    expect(parseCli(argv)).toEqual({ command: 'help' });
  });

  it.each([
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['ingest', '--source'], "Option '--source <value>' argument missing"],
    [['ingest'], '--source is required'],
    [['export', '--source', 'x'], 'unknown command'],
    [['ingest', '--source', 'daily-papers', '--from', '2026-13-01'], '--from must be a date'],
    [['ingest', '--source', 'daily-papers', '--from', '2026-11-05', '--to', '2026-11-01'], 'must not be before'],
    [['ingest', '--source', 'file', '--from', '2026-11-05'], '--file is required'],
    [['ingest', '--source', 'daily-papers', '--from', '2020-01-01', '--to', '2026-01-01'], 'at most 366 days'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(CliUsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
