import type { DigestFrequency, SubscriberStatus } from '../entities/subscriber.entity.js';
import type { HistoryEdition } from '../entities/reader-history.entity.js';
import type { Sql } from './sql.js';

/** The subscriber fields a digest needs: who, whether they still want it, and how many papers. */
export interface ReaderProfile {
  id: string;
  email: string;
  emailNormalized: string;
  status: SubscriberStatus;
  frequency: DigestFrequency;
  maxPapers: number;
  minUpvotes: number | null;
  confirmedAt: Date | null;
  /** Links in their emails carry it; raising it signs every earlier link out. */
  linkGeneration: number;
}

/** What shapes one reader's next edition besides the papers themselves. */
export interface ReaderInterestsAndHistory {
  topicIds: string[];
  /** Alphabetical. */
  keywords: string[];
  /** The newest edition sent to them before the one being built. */
  lastSentEdition: string | null;
  /** Papers in their other editions (sent, or possibly sent), never repeated. */
  sentPaperIds: string[];
  feedback: Array<{ paperId: string; vote: number }>;
}

export interface ReaderSnapshot {
  profile: ReaderProfile;
  /** The address is on the suppression list (bounced or complained). */
  suppressed: boolean;
  history: ReaderInterestsAndHistory;
}

interface SnapshotRow {
  id: string;
  email: string;
  email_normalized: string;
  status: SubscriberStatus;
  frequency: DigestFrequency;
  max_papers: number;
  min_upvotes: number | null;
  confirmed_at: Date | null;
  link_generation: number;
  suppressed: boolean;
  topic_ids: string[];
  keywords: string[];
  last_sent_edition: string | null;
  editions: Record<string, HistoryEdition> | null;
  feedback: Array<[string, number]>;
}

/** An edition date after every real one: a preview builds "the next edition". */
export const AFTER_EVERY_EDITION = '9999-12-31';

/**
 * Everything about readers that their digest (or preview) depends on, for many readers in one
 * round trip: the digest worker loads a whole batch with it.
 */
export class ReaderSnapshots {
  constructor(private readonly sql: Sql) {}

  /** `editionDate` is the edition being built: its own earlier attempt is not history. Readers that no longer exist are absent. */
  async load(subscriberIds: readonly string[], editionDate: string = AFTER_EVERY_EDITION): Promise<Map<string, ReaderSnapshot>> {
    if (subscriberIds.length === 0) return new Map();
    const rows = await this.sql.query<SnapshotRow>(
      `SELECT s.id, s.email, s.email_normalized, s.status, s.frequency, s.max_papers, s.min_upvotes, s.confirmed_at, s.link_generation,
         EXISTS (SELECT 1 FROM suppressions x WHERE x.email_normalized = s.email_normalized) AS suppressed,
         COALESCE((SELECT json_agg(st.topic_id) FROM subscriber_topics st WHERE st.subscriber_id = s.id), '[]') AS topic_ids,
         COALESCE((SELECT json_agg(k.keyword ORDER BY k.keyword) FROM subscriber_keywords k WHERE k.subscriber_id = s.id), '[]') AS keywords,
         h.last_sent_edition::text AS last_sent_edition, h.editions,
         COALESCE((SELECT json_agg(json_build_array(f.paper_id, f.vote)) FROM feedback f WHERE f.subscriber_id = s.id), '[]') AS feedback
       FROM subscribers s LEFT JOIN reader_history h ON h.subscriber_id = s.id
       WHERE s.id = ANY($1::uuid[])`,
      [subscriberIds],
      'paperboy-load-readers',
    );
    return new Map(rows.map((row) => [row.id, toSnapshot(row, editionDate)]));
  }

  async loadOne(subscriberId: string, editionDate: string = AFTER_EVERY_EDITION): Promise<ReaderSnapshot | null> {
    return (await this.load([subscriberId], editionDate)).get(subscriberId) ?? null;
  }
}

/**
 * The history an edition sees: the papers of the other editions kept, and the last edition sent
 * before it (the recorded one; for an edition older than that, an operator's re-run, the newest
 * sent one before it among those kept).
 */
export function historyBefore(lastSent: string | null, editions: Record<string, HistoryEdition> | null, editionDate: string): { lastSentEdition: string | null; sentPaperIds: string[] } {
  let lastSentEdition = lastSent !== null && lastSent < editionDate ? lastSent : null;
  const papers = new Set<string>();
  for (const [date, edition] of Object.entries(editions ?? {})) {
    if (date === editionDate) continue;
    for (const id of edition.papers) papers.add(id);
    if (lastSent !== null && lastSent >= editionDate && edition.sent && date < editionDate && (lastSentEdition === null || date > lastSentEdition)) lastSentEdition = date;
  }
  return { lastSentEdition, sentPaperIds: [...papers] };
}

function toSnapshot(row: SnapshotRow, editionDate: string): ReaderSnapshot {
  return {
    profile: {
      id: row.id,
      email: row.email,
      emailNormalized: row.email_normalized,
      status: row.status,
      frequency: row.frequency,
      maxPapers: row.max_papers,
      minUpvotes: row.min_upvotes,
      confirmedAt: row.confirmed_at,
      linkGeneration: row.link_generation,
    },
    suppressed: row.suppressed,
    history: {
      topicIds: row.topic_ids,
      keywords: row.keywords,
      ...historyBefore(row.last_sent_edition, row.editions, editionDate),
      feedback: row.feedback.map(([paperId, vote]) => ({ paperId, vote })),
    },
  };
}
