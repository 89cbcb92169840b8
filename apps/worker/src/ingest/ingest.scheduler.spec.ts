import { describe, expect, it } from '@jest/globals';
import { ingestJobsFor } from './ingest.scheduler.js';

describe('ingest cron jobs', () => {
  const firedAt = new Date('2026-11-21T06:30:00Z');

  it('asks every source for today and yesterday (UTC)', () => {
    const jobs = ingestJobsFor(['daily-papers', 'arxiv'], firedAt);
    expect(jobs.map((j) => j.data)).toEqual([
      { source: 'daily-papers', day: '2026-11-21' },
      { source: 'daily-papers', day: '2026-11-20' },
      { source: 'arxiv', day: '2026-11-21' },
      { source: 'arxiv', day: '2026-11-20' },
    ]);
  });

  it('gives replicas firing at the same minute the same ids, and later firings new ones', () => {
    const a = ingestJobsFor(['daily-papers'], firedAt).map((j) => j.opts.jobId);
    const b = ingestJobsFor(['daily-papers'], new Date('2026-11-21T06:30:59Z')).map((j) => j.opts.jobId);
    const later = ingestJobsFor(['daily-papers'], new Date('2026-11-21T07:00:00Z')).map((j) => j.opts.jobId);
    expect(a).toEqual(b);
    expect(later).not.toEqual(a);
    for (const id of a) expect(id).not.toContain(':');
  });
});
