import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const SUPPRESSION_REASONS = ['hard-bounce', 'complaint', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Addresses never to be mailed again; survives the subscriber being erased. */
@Entity('suppressions')
export class Suppression {
  @PrimaryColumn({ name: 'email_normalized', type: 'varchar', length: 254 })
  emailNormalized: string;

  @Column({ type: 'enum', enum: SUPPRESSION_REASONS, enumName: 'suppression_reason' })
  reason: SuppressionReason;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
