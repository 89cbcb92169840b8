import { Inject, Injectable } from '@nestjs/common';
import { PaperRepository } from '@app/database';
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
  constructor(@Inject(PaperRepository) private readonly papers: PaperRepository) {}

  /** The papers featured on a day, trending (most upvoted) first; without a date, the latest day that has papers. */
  async day(date?: string): Promise<DayOfPapers> {
    const today = new Date().toISOString().slice(0, 10);
    const day = date ?? (await this.papers.latestDay(today));
    if (!day) return { date: null, previousDate: null, nextDate: null, papers: [] };
    const [papers, around] = await Promise.all([this.papers.featuredOn(day), this.papers.neighbourDays(day)]);
    return { date: day, previousDate: around.previous, nextDate: around.next, papers: papers.map(toPublicPaper) };
  }
}
