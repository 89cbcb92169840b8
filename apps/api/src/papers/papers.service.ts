import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { Paper } from '@app/database';
import type { DigestPaper } from '@app/mail';
import { toPublicPaper } from './public-paper.js';

export type PaperSummary = DigestPaper;

export interface DayOfPapers {
  date: string | null;
  previousDate: string | null;
  nextDate: string | null;
  papers: PaperSummary[];
}


@Injectable()
export class PapersService {
  constructor(@InjectRepository(Paper) private readonly papers: Repository<Paper>) {}

  /** The papers featured on a day, trending (most upvoted) first; without a date, the latest day that has papers. */
  async day(date?: string): Promise<DayOfPapers> {
    const today = new Date().toISOString().slice(0, 10);
    const day = date ?? (await this.latestDay(today));
    if (!day) return { date: null, previousDate: null, nextDate: null, papers: [] };
    const [papers, previous, next] = await Promise.all([
      this.papers.find({ where: { featuredDate: day, withdrawnAt: IsNull() }, order: { upvotes: { direction: 'DESC', nulls: 'LAST' }, title: 'ASC' } }),
      this.papers.createQueryBuilder('p').select('max(p.featured_date)::text', 'd').where('p.featured_date < :day', { day }).getRawOne<{ d: string | null }>(),
      this.papers.createQueryBuilder('p').select('min(p.featured_date)::text', 'd').where('p.featured_date > :day', { day }).getRawOne<{ d: string | null }>(),
    ]);
    return { date: day, previousDate: previous?.d ?? null, nextDate: next?.d ?? null, papers: papers.map(toPublicPaper) };
  }

  private async latestDay(today: string): Promise<string | null> {
    const latest = await this.papers.findOne({ where: { featuredDate: LessThanOrEqual(today) }, order: { featuredDate: 'DESC' }, select: { featuredDate: true, arxivId: true } });
    return latest?.featuredDate ?? null;
  }
}
