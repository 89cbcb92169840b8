import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { IngestRun, Paper } from '@app/database';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/support/test-services.js';
import { createIngestContext } from '../../../../test/support/ingest-context.js';
import { IngestService } from '../ingest.service.js';
import { ArxivSource } from './arxiv-source.js';
import { DailyPapersSource } from './daily-papers-source.js';
import { DailyPapersFileSource, ListingPageSource } from './file-sources.js';
import type { PaperSource } from './paper-source.js';
import { MAX_INGEST_FILE_BYTES, MAX_RESPONSE_BYTES } from './read-capped.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/hostile');
const DAY = '2026-11-20';
// The text fixtures name the bytes git should not hold (see the fixtures' README).
const MARKERS: Record<string, string> = { '{NUL}': '\u0000', '{BEL}': '\u0007', '{RLO}': '\u202E', '{ZWSP}': '\u200B', '{BIG_ABSTRACT}': 'many words '.repeat(3000) };
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8').replace(/\{[A-Z_]+\}/g, (m) => MARKERS[m] ?? m);
const dailyEntries = () => JSON.parse(fixture('daily-papers-day.json')) as unknown[];

// What readers must never get from a stored paper, whatever the feed sent.
const UNSAFE_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/;

describe('hostile feeds: each bad entry is reported, the rest of the day lands (real Postgres, local HTTP server)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let server: Server;
  let base: string;
  let dir: string;
  let answer: (res: ServerResponse, url: URL) => void;

  const ingest = (source: PaperSource, day = DAY) => app.get(IngestService).run(source, day);
  const stored = () => app.get(DataSource).getRepository(Paper).find({ order: { arxivId: 'ASC' } });
  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };

  /** Every good paper landed and nothing stored can hurt a reader: bounded numbers, clean text, http(s) links. */
  async function expectDayLanded(run: IngestRun, goodIds: string[]) {
    expect(run.status).toBe('succeeded');
    const papers = await stored();
    expect(papers.map((p) => p.arxivId)).toEqual(expect.arrayContaining(goodIds));
    for (const paper of papers) {
      for (const text of [paper.title, paper.abstract, paper.aiSummary ?? '', paper.organization ?? '', ...paper.authors, ...paper.keywords]) expect(text).not.toMatch(UNSAFE_TEXT);
      for (const count of [paper.upvotes, paper.authorCount]) expect(count === null || (count >= 0 && count < 2 ** 31)).toBe(true);
      for (const href of Object.values(paper.links)) expect(href).toMatch(/^https?:\/\/[^@\s]+$/);
      expect((paper.organization ?? '').length).toBeLessThanOrEqual(200);
    }
    for (const entry of [...run.skipped, ...run.corrected]) {
      expect(entry.reason.length).toBeGreaterThan(0);
      expect(`${entry.ref} ${entry.reason}`).not.toMatch(UNSAFE_TEXT);
    }
    return papers;
  }

  const refs = (entries: Array<{ ref: string }>) => entries.map((e) => e.ref).join('\n');

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createIngestContext(testConfig(database.url));
    await app.init();
    dir = mkdtempSync(path.join(tmpdir(), 'paperboy-hostile-feeds-'));
    server = createServer((req, res) => answer(res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await app?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await app.get(DataSource).query('DELETE FROM papers');
  });

  it('Daily Papers API: lands the good papers and every hostile one it can, reporting the rest', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(fixture('daily-papers-day.json'));
    const run = await ingest(new DailyPapersSource(base));

    const papers = await expectDayLanded(run, ['2511.10001', '2511.10002', '2511.10003']);
    expect(run.fetched).toBe(dailyEntries().length);
    // Skipped: no usable id (7), not an entry (6), no usable title (2), an unreadable withdrawal, the earlier duplicate.
    expect(run.skippedCount).toBe(17);
    expect(papers).toHaveLength(dailyEntries().length - 17);
    expect(refs(run.skipped)).toMatch(/2511\.20026[\s\S]*2511\.20036[\s\S]*2511\.20037/);
    expect(run.skipped.find((s) => s.ref.includes('2511.10001'))?.reason).toMatch(/later entry is kept/);
    expect(papers.find((p) => p.arxivId === '2511.10001')).toMatchObject({ title: 'Good paper 2511.10001, updated', upvotes: 7 });
    // Each corrected field says which entry and why.
    expect(run.correctedCount).toBeGreaterThanOrEqual(25);
    expect(refs(run.corrected)).toContain('2511.20001');
    const byId = Object.fromEntries(papers.map((p) => [p.arxivId, p]));
    expect(byId['2511.20001'].upvotes).toBeNull();
    expect(byId['2511.20008'].authorCount).toBe(1);
    expect(byId['2511.20013'].title).toBe('Null byte in the title');
    expect(byId['2511.20015'].title).toBe('gnp.exe isolated and zerowidth title');
    expect(byId['2511.20021']).toMatchObject({ arxivDate: null, featuredDate: DAY });
    expect(byId['2511.20032'].authors).toEqual(['Grace Hopper', 'Alan Turing']);
    expect(byId['2511.20041'].links).toEqual({ paperPage: `${base}/papers/2511.20041`, arxiv: 'https://arxiv.org/abs/2511.20041', pdf: 'https://arxiv.org/pdf/2511.20041' });
    expect(byId['2511.20061'].raw).toEqual({ notStored: expect.stringContaining('levels deep') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('Daily Papers API: invalid UTF-8 and megabyte strings are read, cleaned and bounded', async () => {
    const entries = dailyEntries().slice(0, 2) as Array<{ paper: Record<string, unknown> }>;
    entries[0].paper.title = 'INVALID';
    entries[1].paper.summary = 'huge '.repeat(400_000);
    const [before, after] = JSON.stringify(entries).split('INVALID');
    answer = (res) => res.writeHead(200).end(Buffer.concat([Buffer.from(`${before}Bad `), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(` bytes${after}`)]));

    const run = await ingest(new DailyPapersSource(base));

    const papers = await expectDayLanded(run, ['2511.10001', '2511.10002']);
    expect(papers[0].title).toMatch(/^Bad \uFFFD.*bytes$/);
    expect(papers[1].abstract.length).toBeLessThanOrEqual(10_000);
    expect(run.corrected).toEqual([{ ref: 'entry 1 (2511.10002)', reason: 'abstract has 2000000 characters; cut to 10000' }]);
  });

  it('arXiv Atom: expands no entity, survives broken markup, and reports what it could not read', async () => {
    answer = (res, url) => (url.pathname === '/api/query' ? res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(fixture('arxiv-feed.xml')) : res.writeHead(404).end());
    const run = await ingest(new ArxivSource(base, ['cs.LG']));

    const papers = await expectDayLanded(run, ['2511.30001', '2511.30011']);
    const byId = Object.fromEntries(papers.map((p) => [p.arxivId, p]));
    expect(byId['2511.30001'].title).toBe('Good arXiv paper 2511.30001, listed twice');
    expect(byId['2511.30002'].title).toBe('&lol9; billion laughs');
    expect(byId['2511.30003'].abstract).toBe('&xxe; external entity');
    expect(byId['2511.30004'].title).toBe('Null &#0; and &#x0; refs, bell , override txt.exe, zerowidth');
    expect(byId['2511.30005']).toMatchObject({ arxivDate: null, featuredDate: DAY });
    expect(byId['2511.30006'].keywords).toHaveLength(50);
    expect(byId['2511.30010'].title).toBe('raw NUL byte');
    expect(Object.keys(byId)).toHaveLength(10);
    expect(run.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/invalid arXiv id.*9999\.99999/),
      expect.stringMatching(/invalid arXiv id.*averyvery/),
      'missing title',
      'missing title',
      'the feed ends inside this entry (cut off)',
      expect.stringMatching(/later entry is kept/),
    ]);
  });

  it('arXiv Atom: an oversized entry is skipped and the rest lands', async () => {
    const feed = fixture('arxiv-feed.xml').replace('<summary>An ordinary abstract about reward models.</summary>', `<summary>${'<author>'.repeat(40_000)}</summary>`);
    answer = (res) => res.writeHead(200).end(feed);
    const run = await ingest(new ArxivSource(base, ['cs.LG']));
    await expectDayLanded(run, ['2511.30011']);
    expect(run.skipped[0]).toEqual({ ref: 'entry 0', reason: expect.stringMatching(/^entry has \d+ characters, over 262144/) });
  });

  it('JSON and JSONL files: the same entries, plus unreadable lines and invalid UTF-8, land the same way', async () => {
    const entries = dailyEntries();
    const asJson = await ingest(new DailyPapersFileSource(file('day.json', JSON.stringify(entries))));
    await expectDayLanded(asJson, ['2511.10001', '2511.10002', '2511.10003']);
    expect(asJson.skippedCount).toBe(17);

    await app.get(DataSource).query('DELETE FROM papers');
    const lines = entries.map((e) => Buffer.from(JSON.stringify(e)));
    lines.splice(3, 0, Buffer.from('{"paper": {"id": "2511.4'), Buffer.from([0xff, 0xfe, 0x00, 0xc3]), Buffer.from(`{"paper": {"id": "2511.40001", "title": "${'long '.repeat(600_000)}"}, "publishedAt": "${DAY}T12:00:00Z"}`));
    const asJsonl = await ingest(new DailyPapersFileSource(file('day.jsonl', Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\r\n')])))));
    const papers = await expectDayLanded(asJsonl, ['2511.10001', '2511.10002', '2511.10003', '2511.40001']);
    expect(asJsonl.skippedCount).toBe(19);
    expect(asJsonl.skipped.filter((s) => /not valid JSON/.test(s.reason)).map((s) => s.ref)).toEqual(['line 4', 'line 5']);
    expect(papers.find((p) => p.arxivId === '2511.40001')!.title.length).toBeLessThanOrEqual(1000);
  });

  it('saved listing page: counts too large, impossible dates and hidden characters are reported, the rest lands', async () => {
    const source = new ListingPageSource(file('page.txt', fixture('listing-page.txt')), 2026);
    const run = await ingest(source, (await source.pageDate())!);

    const papers = await expectDayLanded(run, []);
    const byTitle = Object.fromEntries(papers.map((p) => [p.title, p]));
    expect(Object.keys(byTitle).sort()).toEqual([
      'A huge abstract',
      'Far future',
      'Good listing paper one',
      'Good listing paper two',
      'Huge author count',
      'Huge upvote count',
      'Null byte and bell in the title',
      'Year zero',
      'gnp.exe and zerowidth in the title',
    ]);
    expect(byTitle['Good listing paper one'].upvotes).toBe(13);
    expect(byTitle['Huge upvote count'].upvotes).toBeNull();
    expect(byTitle['Huge author count'].authorCount).toBeNull();
    expect(byTitle['Year zero'].arxivDate).toBeNull();
    expect(byTitle['Far future'].arxivDate).toBeNull();
    expect(byTitle['A huge abstract'].abstract.length).toBeLessThanOrEqual(10_000);
    expect(run.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/unreadable date "Feb 30 5"/), 'missing title', expect.stringMatching(/later entry is kept/)]);
    expect(run.corrected.map((c) => c.reason).join('\n')).toMatch(/upvotes[\s\S]*author count[\s\S]*0000[\s\S]*2099[\s\S]*organization has[\s\S]*abstract has/);
  });

  it('refuses an endless answer and one announcing a gigabyte, with a clear error and without reading it', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    };
    const endless = await ingest(new DailyPapersSource(base)).catch((error: Error) => error);
    expect(String(endless)).toMatch(new RegExp(`larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`));

    answer = (res) => {
      res.writeHead(200, { 'content-length': String(1024 ** 3) });
      res.write('[');
    };
    const announced = await ingest(new DailyPapersSource(base)).catch((error: Error) => error);
    expect(String(announced)).toMatch(/announced 1073741824 bytes/);

    const runs = await app.get(DataSource).getRepository(IngestRun).find({ where: { source: 'daily-papers', status: 'failed' } });
    expect(runs.map((r) => r.error)).toEqual(expect.arrayContaining([expect.stringMatching(/larger than/), expect.stringMatching(/announced/)]));
  });

  it('refuses an ingest file over the size limit with a clear error', async () => {
    const big = file('huge.jsonl', '');
    truncateSync(big, MAX_INGEST_FILE_BYTES + 1);
    const error = await ingest(new DailyPapersFileSource(big)).catch((e: Error) => e);
    expect(String(error)).toMatch(new RegExp(`huge\\.jsonl is larger than ${MAX_INGEST_FILE_BYTES / 1024 / 1024} MiB`));
  });
});
