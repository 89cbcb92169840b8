import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Subscriber } from './subscriber.entity.js';

/** A free-text interest the subscriber typed ("diffusion policy", "reward hacking"). */
@Entity('subscriber_keywords')
export class SubscriberKeyword {
  @PrimaryColumn({ name: 'subscriber_id', type: 'uuid' })
  subscriberId: string;

  @Index('IDX_subscriber_keywords_keyword')
  @PrimaryColumn({ type: 'varchar', length: 100 })
  keyword: string;

  @ManyToOne(() => Subscriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: Subscriber;
}
