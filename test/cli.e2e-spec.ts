import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './support/processes.js';
import { createTestDatabase, randomSecrets, testServerUrls, type TestDatabase } from './support/test-services.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('npm run cli -- ingest (the built CLI as a process, real Postgres)', () => {
  let database: TestDatabase;
  // Production mode (NODE_ENV unset) refuses published secrets.
  const secrets = randomSecrets();
  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: testServerUrls().redis,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    ...secrets,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  const run = async (args: string[]) => {
    return new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: repoRoot, env: { PATH: process.env.PATH, ...env() } });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
  };

  it('ingests a range of days with a progress bar, then re-ingests without duplicating', async () => {
    // The sample's newest day is today; ask for the week before it too.
    const first = await run(['ingest', '--source', 'sample', '--from', day(-7), '--to', day(0)]);
    expect(first.output).toContain('8/8 days');
    expect(first.output).toContain('Fetched 132, new 132, updated 0, skipped 0.');
    expect(first.code).toBe(0);
    const again = await run(['ingest', '--source', 'sample', '--from', day(-7), '--to', day(0)]);
    expect(again.output).toContain('new 0, updated 132');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM papers');
    const runs = await client.query(`SELECT count(*)::int AS n FROM ingest_runs WHERE source = 'sample' AND status = 'succeeded'`);
    await client.end();
    expect(rows[0].n).toBe(132);
    expect(runs.rows[0].n).toBe(16);
  }, 60000);

  it('ingests a saved listing page, finding its day by itself', async () => {
    const result = await run(['ingest', '--source', 'listing-page', '--file', 'libs/ingest/fixtures/daily-papers-pages/page-a.txt', '--year', '2026']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('1/1 days');
    expect(result.output).toMatch(/Fetched 14, new 0, updated 14/);
  }, 60000);

  it('ingests a JSONL file of six days, each with one entry Postgres used to refuse, landing every good paper', async () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
    const hostile = [{ upvotes: 2 ** 31 }, { authorCount: 2 ** 31 }, { organization: 'x '.repeat(150) }, { title: 'nul \u0000 title' }, { publishedAt: '0000-01-01T00:00:00Z' }, { withdrawnAt: '0000-01-01T00:00:00Z' }];
    const line = (id: string, day: string, paper: Record<string, unknown> = {}) =>
      JSON.stringify({ paper: { id, title: `Paper ${id}`, summary: 'An abstract.', upvotes: 1, ...paper }, publishedAt: `${day}T12:00:00Z` });
    const lines = days.flatMap((day, d) => [line(`2511.0${d}001`, day), line(`2511.0${d}002`, day, hostile[d]), line(`2511.0${d}003`, day)]);
    const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-cli-'));
    writeFileSync(path.join(dir, 'days.jsonl'), lines.join('\n'));
    const result = await run(['ingest', '--source', 'file', '--file', path.join(dir, 'days.jsonl'), '--from', days[0], '--to', days[5]]);
    rmSync(dir, { recursive: true, force: true });
    expect(result.output).toContain('Fetched 18, new 17, updated 0, skipped 1.');
    expect(result.code).toBe(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT arxiv_id FROM papers WHERE source = 'file' ORDER BY arxiv_id`);
    await client.end();
    // Every good paper landed; the hostile ones landed cleaned, except the one withdrawn at an impossible time.
    expect(rows.map((r) => r.arxiv_id)).toEqual(lines.map((l) => JSON.parse(l).paper.id).filter((id) => id !== '2511.05002').sort());
  }, 60000);

  it('prints the delivery counts of an edition', async () => {
    const result = await run(['digests', 'status', '--date', '2026-11-20']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('2026-11-20: queued 0, claimed 0, sent 0, failed 0, suppressed 0, skipped 0, unknown 0');
  }, 30000);

  it('explains bad arguments with the usage', async () => {
    const result = await run(['ingest', '--source', 'daily-papers', '--from', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('--from must be a date like 2026-11-01');
    expect(result.output).toContain('Usage:');
  });
  it('prints the usage for --help and exits 0, without needing a database', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: repoRoot, env: { PATH: process.env.PATH } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result).toEqual({ code: 0, stdout: expect.stringContaining('Usage:'), stderr: '' });
    }
  });

  it.each([[['frobnicate']], [['--frobnicate']], [['ingest', '--source']], [[]]])('answers %j with the usage and exit code 2, never a stack trace', async (args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage:');
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});
