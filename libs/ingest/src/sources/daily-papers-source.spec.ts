import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DailyPapersSource } from './daily-papers-source.js';
import { SAMPLE_DATA_FILE } from './sample-source.js';

// A recorded Daily Papers response: the sample entries of one day, in the API
// shape, plus one malformed entry. Served over real HTTP so the fetch code runs.
const entries = (JSON.parse(readFileSync(SAMPLE_DATA_FILE(), 'utf8')) as Array<{ publishedAt: string; paper: Record<string, unknown> }>)
  .filter((e) => e.publishedAt.startsWith('2026-11-20'))
  .map((e, i) => ({ ...e, paper: { ...e.paper, id: `2511.${String(10000 + i)}v2` } }));
const recorded = JSON.stringify([...entries, { paper: { title: 'no id here' }, publishedAt: '2026-11-20T00:00:00Z' }]);

describe('DailyPapersSource against a local HTTP server', () => {
  let server: Server;
  let base: string;
  let failuresLeft = 0;
  let failWith = 503;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(failWith).end('busy');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/api/daily_papers') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(url.searchParams.get('date') === '2026-11-20' ? recorded : '[]');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    requests.length = 0;
    failuresLeft = 0;
  });

  it('fetches a day, strips versions from ids, and reports the malformed entry', async () => {
    const batch = await new DailyPapersSource(base).fetchDay('2026-11-20', AbortSignal.timeout(5000));
    expect(requests).toEqual(['/api/daily_papers?date=2026-11-20&limit=100']);
    expect(batch.papers).toHaveLength(entries.length);
    expect(batch.papers[0].arxivId).toBe('2511.10000');
    expect(batch.papers[0].links.arxiv).toBe('https://arxiv.org/abs/2511.10000');
    expect(batch.skipped).toHaveLength(1);
    expect(batch.fetched).toBe(entries.length + 1);
  });

  it('treats an empty day as normal', async () => {
    const batch = await new DailyPapersSource(base).fetchDay('2026-11-21', AbortSignal.timeout(5000));
    expect(batch).toEqual({ fetched: 0, papers: [], skipped: [], corrected: [] });
  });

  it('retries a busy server with backoff and then succeeds', async () => {
    failuresLeft = 2;
    failWith = 503;
    const batch = await new DailyPapersSource(base).fetchDay('2026-11-20', AbortSignal.timeout(10000));
    expect(requests).toHaveLength(3);
    expect(batch.papers).toHaveLength(entries.length);
  });

  it('does not retry a client error', async () => {
    failuresLeft = 5;
    failWith = 400;
    await expect(new DailyPapersSource(base).fetchDay('2026-11-20', AbortSignal.timeout(5000))).rejects.toThrow(/answered 400/);
    expect(requests).toHaveLength(1);
  });
});
