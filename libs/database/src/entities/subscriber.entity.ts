import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'suppressed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'paused'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/**
 * What one subscription request asked for, kept until its confirmation link
 * is used. Omitted lists and settings leave the subscriber's current ones as
 * they are (someone subscribing again after an unsubscribe).
 */
export interface SubscriptionChoices {
  /** Topic slugs (resolved when confirmed: a topic removed meanwhile is dropped). */
  topics?: string[];
  keywords?: string[];
  timezone?: string;
  frequency?: 'daily' | 'weekly';
}

@Entity('subscribers')
@Index('IDX_subscribers_due', ['status', 'deliveryHour', 'id'])
export class Subscriber {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The address as the subscriber typed it (domain in punycode). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Lower-cased address: the uniqueness key, so Ada@x and ada@x are one subscriber. */
  @Index('UQ_subscribers_email_normalized', { unique: true })
  @Column({ name: 'email_normalized', type: 'varchar', length: 254 })
  emailNormalized: string;

  @Column({ type: 'enum', enum: SUBSCRIBER_STATUSES, enumName: 'subscriber_status', default: 'pending' })
  status: SubscriberStatus;

  /** IANA time zone, e.g. Europe/Paris. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** Local hour (0-23) at which the digest is due. */
  @Column({ name: 'delivery_hour', type: 'smallint', default: 7 })
  deliveryHour: number;

  @Column({ type: 'enum', enum: DIGEST_FREQUENCIES, enumName: 'digest_frequency', default: 'daily' })
  frequency: DigestFrequency;

  /** For weekly digests: 0 = Sunday … 6 = Saturday. */
  @Column({ name: 'weekly_day', type: 'smallint', default: 1 })
  weeklyDay: number;

  @Column({ name: 'max_papers', type: 'smallint', default: 10 })
  maxPapers: number;

  @Column({ name: 'min_upvotes', type: 'integer', nullable: true })
  minUpvotes: number | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null;

  @Column({ name: 'confirmation_sent_at', type: 'timestamptz', nullable: true })
  confirmationSentAt: Date | null;

  /**
   * Every link carries the generation it was issued in; raising this signs
   * every older link out ("sign out every link", and a new subscription after
   * an unsubscribe).
   */
  @Column({ name: 'link_generation', type: 'integer', default: 0 })
  linkGeneration: number;

  /** The number of the latest confirmation request; a confirm link carries the number of the request it confirms. */
  @Column({ name: 'confirm_request', type: 'integer', default: 0 })
  confirmRequest: number;

  /** What the latest confirmation request asked for; null once it is confirmed (a confirm link works once). */
  @Column({ name: 'pending_choices', type: 'jsonb', nullable: true })
  pendingChoices: SubscriptionChoices | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
