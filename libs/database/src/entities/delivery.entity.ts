import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Subscriber } from './subscriber.entity.js';

export const DELIVERY_STATES = ['claimed', 'sent', 'failed', 'suppressed', 'skipped', 'unknown'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * The exactly-once guard: one row per (subscriber, edition date), claimed in
 * Postgres before the SMTP exchange starts.
 */
@Entity('deliveries')
@Unique('UQ_deliveries_subscriber_edition', ['subscriberId', 'editionDate'])
@Index('IDX_deliveries_edition_state', ['editionDate', 'state'])
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'subscriber_id', type: 'uuid' })
  subscriberId: string;

  @Column({ name: 'edition_date', type: 'date' })
  editionDate: string;

  @Column({ type: 'enum', enum: DELIVERY_STATES, enumName: 'delivery_state', default: 'claimed' })
  state: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

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
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: Subscriber;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
