/** Stages of sending a digest, as the benchmark reports them. */
export const STAGES = ['claim', 'rank', 'render', 'mime', 'smtp', 'record'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Accumulates time per stage. Synchronous stages (rank, render, MIME) are CPU time of this
 * thread; the others include waiting for the database or the SMTP server, so the benchmark reports
 * their CPU from a profile instead. Cheap enough to leave on: two clock reads per measured call.
 */
export class StageClock {
  readonly totalMs: Record<Stage, number> = { claim: 0, rank: 0, render: 0, mime: 0, smtp: 0, record: 0 };

  timeSync<T>(stage: Stage, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.totalMs[stage] += performance.now() - start;
    }
  }

  async time<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.totalMs[stage] += performance.now() - start;
    }
  }
}
