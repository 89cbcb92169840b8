import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Paper } from './paper.entity.js';
import { Topic } from './topic.entity.js';

@Entity('paper_topic_scores')
@Index('IDX_paper_topic_scores_topic_score', ['topicId', 'score'])
export class PaperTopicScore {
  @PrimaryColumn({ name: 'paper_id', type: 'varchar', length: 32 })
  paperId: string;

  @PrimaryColumn({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  @Column({ type: 'real' })
  score: number;

  /** Human-readable reasons ("'reward model' in title"). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons: string[];

  @ManyToOne(() => Paper, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'paper_id' })
  paper?: Paper;

  @ManyToOne(() => Topic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'topic_id' })
  topic?: Topic;
}
