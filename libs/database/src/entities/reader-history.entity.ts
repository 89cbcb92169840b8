import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Subscriber } from './subscriber.entity.js';

/** One edition in a reader's history: whether it was sent (or only may have been), and its papers. */
export interface HistoryEdition {
  sent: boolean;
  papers: string[];
}

/**
 * What a reader's next edition depends on from their earlier ones, kept apart from the
 * partitioned deliveries so it outlives their retention and is read with one key lookup: their
 * last sent edition (the next one covers the days since), and the newest READER_HISTORY_EDITIONS
 * editions that were sent or may have been (`unknown`), with their papers, which are never sent
 * again. Older editions' papers need not be kept: a paper keeps the first day it was featured, and
 * an edition covers the days after the last sent one, so they cannot come back.
 */
@Entity('reader_history')
export class ReaderHistoryRow {
  @PrimaryColumn({ name: 'subscriber_id', type: 'uuid', primaryKeyConstraintName: 'PK_reader_history' })
  subscriberId: string;

  @Column({ name: 'last_sent_edition', type: 'date', nullable: true })
  lastSentEdition: string | null;

  /** Edition date (YYYY-MM-DD) → that edition; the newest few only. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  editions: Record<string, HistoryEdition>;

  @OneToOne(() => Subscriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id', foreignKeyConstraintName: 'FK_reader_history_subscriber' })
  subscriber?: Subscriber;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
