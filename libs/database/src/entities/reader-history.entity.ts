import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Subscriber } from './subscriber.entity.js';

/** One edition in a reader's history: whether it was sent (or only may have been), and its papers. */
export interface HistoryEdition {
  sent: boolean;
  papers: string[];
}

/**
 * What a reader's next edition depends on from their earlier ones, kept apart from the
 * partitioned deliveries so it outlives their retention and is read with one key lookup: the
 * editions of the last READER_HISTORY_DAYS days that were sent or may have been (`unknown`),
 * with their papers, which are never sent again.
 */
@Entity('reader_history')
export class ReaderHistoryRow {
  @PrimaryColumn({ name: 'subscriber_id', type: 'uuid', primaryKeyConstraintName: 'PK_reader_history' })
  subscriberId: string;

  /** Edition date (YYYY-MM-DD) → that edition. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  editions: Record<string, HistoryEdition>;

  @OneToOne(() => Subscriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id', foreignKeyConstraintName: 'FK_reader_history_subscriber' })
  subscriber?: Subscriber;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
