import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Paper } from './paper.entity.js';
import { Subscriber } from './subscriber.entity.js';

/** A 👍 (+1) or 👎 (-1) from a subscriber on one paper; the latest vote wins. */
@Entity('feedback')
export class Feedback {
  @PrimaryColumn({ name: 'subscriber_id', type: 'uuid' })
  subscriberId: string;

  @PrimaryColumn({ name: 'paper_id', type: 'varchar', length: 32 })
  paperId: string;

  @Column({ type: 'smallint' })
  vote: number;

  @ManyToOne(() => Subscriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: Subscriber;

  @ManyToOne(() => Paper, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'paper_id' })
  paper?: Paper;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
