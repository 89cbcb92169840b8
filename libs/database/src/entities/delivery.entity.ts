import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DELIVERY_STATES, type DeliveryState } from '@app/delivery/rules';
import { Subscriber } from './subscriber.entity.js';

export { DELIVERY_STATES, type DeliveryState };

/**
 * The exactly-once guard: one row per (subscriber, edition date), claimed in Postgres before the
 * SMTP exchange starts (states and crash policy: libs/delivery/src/rules). Range-partitioned by
 * edition date, one partition a day (see the PartitionDeliveries migration); TypeORM does not model
 * partitions, so this entity describes the parent table's columns only.
 */
@Entity('deliveries')
@Index('IDX_deliveries_unfinished', ['state', 'batchId'], { where: `state IN ('queued', 'claimed')` })
export class Delivery {
  @PrimaryColumn({ name: 'subscriber_id', type: 'uuid', primaryKeyConstraintName: 'PK_deliveries' })
  subscriberId: string;

  @PrimaryColumn({ name: 'edition_date', type: 'date', primaryKeyConstraintName: 'PK_deliveries' })
  editionDate: string;

  @Column({ type: 'enum', enum: DELIVERY_STATES, enumName: 'delivery_state', default: 'queued' })
  state: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The batch job that holds (or last held) the row. */
  @Column({ name: 'batch_id', type: 'varchar', length: 120, nullable: true })
  batchId: string | null;

  /** Fences one run of a batch: only the run holding this token may record "SMTP started". */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId: string | null;

  @Column({ name: 'paper_ids', type: 'jsonb', default: () => "'[]'" })
  paperIds: string[];

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  /** Set just before the SMTP exchange: a crash after this may have delivered. */
  @Column({ name: 'smtp_started_at', type: 'timestamptz', nullable: true })
  smtpStartedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @ManyToOne(() => Subscriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id', foreignKeyConstraintName: 'FK_deliveries_subscriber' })
  subscriber?: Subscriber;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
