import { describe, expect, it } from '@jest/globals';
import { jobId } from './job-ids.js';

describe('deterministic job ids', () => {
  it('give the same id for the same logical work, so replicas enqueue it once', () => {
    expect(jobId.ingest('daily-papers', '2026-11-20')).toBe(jobId.ingest('daily-papers', '2026-11-20'));
    expect(jobId.ingest('daily-papers', '2026-11-20')).not.toBe(jobId.ingest('daily-papers', '2026-11-21'));
  });

  it('never contain a colon, which BullMQ rejects in custom ids', () => {
    expect(jobId.ingest('file:/tmp/x.json', '2026-11-20')).not.toContain(':');
    expect(jobId.confirmation('id', '2026-11-20T10')).not.toContain(':');
  });
});
