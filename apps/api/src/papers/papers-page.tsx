import { truncateAtWord } from '@app/text-safety';
import { PageLayout } from '../pages/page-layout.js';
import type { DayOfPapers, PaperSummary } from './papers.service.js';

const formatDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const EXCERPT_MAX_CHARS = 320;

function byline(paper: PaperSummary): string {
  const parts: string[] = [];
  if (paper.authors.length) parts.push(paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', '));
  else if (paper.authorCount) parts.push(`${paper.authorCount} authors`);
  if (paper.organization) parts.push(paper.organization);
  if (paper.arxivDate) parts.push(`arXiv ${paper.arxivDate}`);
  return parts.join(' · ');
}

// The papers reach the page through toPublicPaper: text cleaned, and only safe http(s) links left.
function PaperItem({ paper }: { paper: PaperSummary }) {
  const main = paper.links.paperPage ?? paper.links.arxiv;
  const links = [
    ['Paper page', paper.links.paperPage],
    ['arXiv', paper.links.arxiv],
    ['PDF', paper.links.pdf],
    ['Code', paper.links.code],
    ['Project', paper.links.projectPage],
  ].filter((l): l is [string, string] => typeof l[1] === 'string');
  return (
    <li className="paper">
      <h3>{main ? <a href={main}>{paper.title}</a> : paper.title}</h3>
      <p className="meta">
        {byline(paper)}
        {paper.upvotes !== null ? ` · ▲ ${paper.upvotes}` : ''}
      </p>
      <p>{truncateAtWord(paper.summary, EXCERPT_MAX_CHARS)}</p>
      {links.length ? (
        <p className="links">
          {links.map(([label, href]) => (
            <a key={label} href={href}>
              {label}
            </a>
          ))}
        </p>
      ) : null}
    </li>
  );
}

export function PapersPage({ day }: { day: DayOfPapers }) {
  return (
    <PageLayout title="Today’s trending papers">
      <h1>Trending papers{day.date ? `, ${formatDay(day.date)}` : ''}</h1>
      <p className="lead">
        What the research community upvoted. <a href="/">Subscribe</a> to get the ones on your topics by email each morning.
      </p>
      <nav aria-label="Days" className="links daynav">
        {day.previousDate ? <a href={`/papers?date=${day.previousDate}`}>← {day.previousDate}</a> : null}
        {day.nextDate ? <a href={`/papers?date=${day.nextDate}`}>{day.nextDate} →</a> : null}
      </nav>
      {day.papers.length ? (
        <ol className="papers">
          {day.papers.map((paper) => (
            <PaperItem key={paper.arxivId} paper={paper} />
          ))}
        </ol>
      ) : (
        <div className="card">No papers for this day yet: weekends and holidays are quiet.</div>
      )}
    </PageLayout>
  );
}
