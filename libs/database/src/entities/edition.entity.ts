import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One day's digest run: the unit operators trigger and watch. */
@Entity('editions')
export class Edition {
  @PrimaryColumn({ name: 'edition_date', type: 'date' })
  editionDate: string;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
