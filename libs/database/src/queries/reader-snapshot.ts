import type { EntityManager } from 'typeorm';
import type { DigestFrequency, SubscriberStatus } from '../entities/subscriber.entity.js';

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
}

/** What shapes one reader's next edition besides the papers themselves. */
export interface ReaderHistory {
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
  history: ReaderHistory;
}

/** The columns READER_SNAPSHOT_COLUMNS selects. */
export interface ReaderSnapshotRow {
  id: string;
  email: string;
  email_normalized: string;
  status: SubscriberStatus;
  frequency: DigestFrequency;
  max_papers: number;
  min_upvotes: number | null;
  confirmed_at: Date | null;
  suppressed: boolean;
  topic_ids: string[];
  keywords: string[];
  last_sent: string | null;
  sent_paper_ids: string[];
  feedback: Array<[string, number]>;
}

/**
 * The select list of a reader snapshot over `subscribers s`, with $1 the
 * subscriber id and $2 the edition being built. Shared by loadReaderSnapshot
 * and the digest worker's claim, which adds its own columns in the same round trip.
 */
export const READER_SNAPSHOT_COLUMNS = `s.id, s.email, s.email_normalized, s.status, s.frequency, s.max_papers, s.min_upvotes, s.confirmed_at,
  EXISTS (SELECT 1 FROM suppressions x WHERE x.email_normalized = s.email_normalized) AS suppressed,
  COALESCE((SELECT json_agg(st.topic_id) FROM subscriber_topics st WHERE st.subscriber_id = s.id), '[]') AS topic_ids,
  COALESCE((SELECT json_agg(k.keyword ORDER BY k.keyword) FROM subscriber_keywords k WHERE k.subscriber_id = s.id), '[]') AS keywords,
  (SELECT max(d.edition_date)::text FROM deliveries d WHERE d.subscriber_id = s.id AND d.state = 'sent' AND d.edition_date < $2) AS last_sent,
  COALESCE((SELECT json_agg(DISTINCT p.id) FROM deliveries d CROSS JOIN LATERAL jsonb_array_elements_text(d.paper_ids) AS p(id)
            WHERE d.subscriber_id = s.id AND d.state IN ('sent', 'claimed', 'unknown') AND d.edition_date <> $2), '[]') AS sent_paper_ids,
  COALESCE((SELECT json_agg(json_build_array(f.paper_id, f.vote)) FROM feedback f WHERE f.subscriber_id = s.id), '[]') AS feedback`;

/**
 * Everything about one reader that a digest or a preview depends on, in one
 * round trip (the digest worker runs this once per subscriber, so it is raw
 * SQL, not several repository calls). `editionDate` is the edition being
 * built: its own delivery row (an earlier attempt) is not history. Null when
 * the subscriber no longer exists.
 */
export async function loadReaderSnapshot(manager: EntityManager, subscriberId: string, editionDate = '9999-12-31'): Promise<ReaderSnapshot | null> {
  const rows: ReaderSnapshotRow[] = await manager.query(`SELECT ${READER_SNAPSHOT_COLUMNS} FROM subscribers s WHERE s.id = $1`, [subscriberId, editionDate]);
  return rows[0] ? toReaderSnapshot(rows[0]) : null;
}

export function toReaderSnapshot(row: ReaderSnapshotRow): ReaderSnapshot {
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
    },
    suppressed: row.suppressed,
    history: {
      topicIds: row.topic_ids,
      keywords: row.keywords,
      lastSentEdition: row.last_sent,
      sentPaperIds: row.sent_paper_ids,
      feedback: row.feedback.map(([paperId, vote]) => ({ paperId, vote })),
    },
  };
}
