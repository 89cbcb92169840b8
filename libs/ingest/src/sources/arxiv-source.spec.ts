import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ArxivSource } from './arxiv-source.js';

// A recorded arXiv API answer (trimmed to two entries, one a replacement), served locally.
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>ArXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2511.04567v2</id>
    <updated>2026-11-20T10:00:00Z</updated>
    <published>2026-11-20T09:00:00Z</published>
    <title>Process Reward Models &amp; Where to Find Them</title>
    <summary>  We study process reward models for
      multi-step reasoning.  </summary>
    <author><name>Ada Lovelace</name><arxiv:affiliation>Analytical Engines Ltd</arxiv:affiliation></author>
    <author><name>Grace Hopper</name></author>
    <link href="http://arxiv.org/abs/2511.04567v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2511.04567v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.LG"/><category term="cs.CL"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00001v5</id>
    <published>2024-01-01T09:00:00Z</published>
    <title>An old paper, replaced</title>
    <summary>Replacement.</summary>
    <arxiv:announce_type>replace</arxiv:announce_type>
    <author><name>Someone</name></author>
  </entry>
</feed>`;

describe('ArxivSource against a local HTTP server', () => {
  let server: Server;
  let base: string;
  const urls: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      urls.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(FEED);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('asks for the day in the configured categories and keeps new papers only', async () => {
    const batch = await new ArxivSource(base, ['cs.LG', 'cs.CL']).fetchDay('2026-11-20', AbortSignal.timeout(5000));
    expect(decodeURIComponent(urls[0])).toContain('(cat:cs.LG+OR+cat:cs.CL)+AND+submittedDate:[202611200000+TO+202611202359]');
    expect(batch.papers).toHaveLength(1);
    expect(batch.papers[0]).toMatchObject({
      arxivId: '2511.04567',
      title: 'Process Reward Models & Where to Find Them',
      abstract: 'We study process reward models for multi-step reasoning.',
      authors: ['Ada Lovelace', 'Grace Hopper'],
      arxivDate: '2026-11-20',
      featuredDate: '2026-11-20',
      upvotes: null,
    });
    expect(batch.skipped.map((s) => s.reason).join(' ')).toMatch(/replace/i);
  });
});
