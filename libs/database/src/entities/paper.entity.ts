import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface PaperLinks {
  paperPage?: string;
  arxiv?: string;
  pdf?: string;
  code?: string;
  projectPage?: string;
}

@Entity('papers')
@Index('IDX_papers_featured_date', ['featuredDate'])
export class Paper {
  /** arXiv id without version, e.g. 2510.01234. */
  @PrimaryColumn({ name: 'arxiv_id', type: 'varchar', length: 32 })
  arxivId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  abstract: string;

  @Column({ name: 'ai_summary', type: 'text', nullable: true })
  aiSummary: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  authors: string[];

  /** Listing pages give only a count ("5 authors"); null when unknown. */
  @Column({ name: 'author_count', type: 'integer', nullable: true })
  authorCount: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organization: string | null;

  @Column({ name: 'arxiv_date', type: 'date', nullable: true })
  arxivDate: string | null;

  /** The day the paper was featured on Daily Papers: what "today's papers" means. */
  @Column({ name: 'featured_date', type: 'date', nullable: true })
  featuredDate: string | null;

  /** Missing is not zero: null when the source gave no count. */
  @Column({ type: 'integer', nullable: true })
  upvotes: number | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  links: PaperLinks;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  keywords: string[];

  @Column({ type: 'varchar', length: 40 })
  source: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** The entry exactly as the source sent it, for re-parsing after a parser fix. */
  @Column({ type: 'jsonb', nullable: true })
  raw: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
