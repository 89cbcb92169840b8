// Deterministic job ids: the same logical work always gets the same id, so a
// cron firing on several replicas (or twice) enqueues it once. BullMQ refuses
// ':' in custom ids, hence the dots.

const safe = (part: string) => part.replace(/[^A-Za-z0-9_.-]/g, '_');

export const jobId = {
  ingest: (source: string, day: string) => `ingest.${safe(source)}.${safe(day)}`,
  confirmation: (subscriberId: string, hourBucket: string) => `confirm.${safe(subscriberId)}.${safe(hourBucket)}`,
};

/** The minute a request or cron firing falls in: repeats within it map to one job. */
export const minuteSlot = (at: Date) => at.toISOString().slice(0, 16).replace(/[-:T]/g, '');
