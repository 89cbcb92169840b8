import { Heading, Section } from '@react-email/components';
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { cleanText, safeHref, truncateAtWord as truncateText } from '@app/text-safety';
import { EmailLayout } from '../templates/email-layout.js';
import type { DigestForReader, DigestPaper, DigestPaperForReader } from './digest-model.js';

export const SUMMARY_MAX_CHARS = 280;
const MAX_NAMED_AUTHORS = 3;

// One set of rules for untrusted text and links, shared with ingest, the papers page and the API. Besides safety,
// cleanText matters for the cached renderer: react-email's stream path turns lone surrogates into U+FFFD and deletes
// NUL; once the input has neither, React's five-character escaping is the only transformation left, which the
// string-substituting renderer can reproduce exactly.
export { cleanText, safeHref };

/** Cuts at a word boundary near `max` UTF-16 units and appends "…"; text at or under the limit is returned as is. */
export function truncateAtWord(text: string, max: number = SUMMARY_MAX_CHARS): string {
  return truncateText(text, max);
}

export function formatAuthors(authors: readonly string[], authorCount: number | null): string | undefined {
  const names = authors.map(cleanText).filter((name) => name !== '');
  const total = Math.max(names.length, authorCount !== null && Number.isFinite(authorCount) ? Math.floor(authorCount) : 0);
  if (names.length === 0) return total > 0 ? `${total} ${total === 1 ? 'author' : 'authors'}` : undefined;
  const shown = names.slice(0, MAX_NAMED_AUTHORS).join(', ');
  return total > MAX_NAMED_AUTHORS || total > names.length ? `${shown} et al.` : shown;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseIsoDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-31 over into March; treat such input as free text instead.
  return date.getUTCDate() === Number(match[3]) && date.getUTCMonth() === Number(match[2]) - 1 ? date : undefined;
}

/** "Friday, 20 November 2026". Hand-rolled rather than Intl so output does not drift with the ICU version. */
export function formatEditionDate(isoDate: string): string {
  const date = parseIsoDate(isoDate);
  if (!date) return cleanText(isoDate);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "18 Nov 2026" */
export function formatShortDate(isoDate: string): string {
  const date = parseIsoDate(isoDate);
  if (!date) return cleanText(isoDate);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()].slice(0, 3)} ${date.getUTCFullYear()}`;
}

export function formatPaperCount(count: number): string {
  return count === 0 ? 'No new papers matched your interests today' : `${count} trending ${count === 1 ? 'paper' : 'papers'} matching your interests`;
}

export const DIGEST_PREVIEW = 'Today’s trending research papers, picked for your interests.';
export const EMPTY_DIGEST_NOTICE = 'Nothing new matched your interests today. You can widen them in your preferences.';

/*
 * View models: every string and href the email shows, already cleaned, truncated and checked.
 * The React components, the cached renderer, the plain-text template and the benchmark baseline all read
 * these, so they cannot disagree about content, only about markup.
 */

export interface LinkView {
  label: string;
  href: string;
}

export interface PaperView {
  title: string;
  titleHref?: string;
  /** Authors and organization. */
  byline?: string;
  /** Dates and upvotes. */
  meta?: string;
  summary: string;
  links: LinkView[];
}

export interface ReaderPaperView {
  why?: string;
  upHref?: string;
  downHref?: string;
}

export interface ShellView {
  editionLabel: string;
  countLabel: string;
  viewHref?: string;
  reason: string;
  manageHref?: string;
  unsubscribeHref?: string;
}

export function paperView(paper: DigestPaper): PaperView {
  const paperPage = safeHref(paper.links.paperPage);
  const arxiv = safeHref(paper.links.arxiv);
  const links: LinkView[] = [];
  const add = (label: string, href: string | undefined) => {
    if (href !== undefined) links.push({ label, href });
  };
  add('Paper page', paperPage);
  add('arXiv', arxiv);
  add('PDF', safeHref(paper.links.pdf));
  add('Code', safeHref(paper.links.code));
  add('Project', safeHref(paper.links.projectPage));

  const authors = formatAuthors(paper.authors, paper.authorCount);
  const organization = cleanText(paper.organization);
  const byline = [authors, organization].filter((part) => part !== undefined && part !== '').join(' · ');

  const meta: string[] = [];
  if (paper.arxivDate && cleanText(paper.arxivDate) !== '') meta.push(`arXiv ${formatShortDate(paper.arxivDate)}`);
  if (paper.featuredDate && cleanText(paper.featuredDate) !== '') meta.push(`Featured ${formatShortDate(paper.featuredDate)}`);
  if (paper.upvotes !== null && Number.isFinite(paper.upvotes)) meta.push(`▲ ${paper.upvotes}`);

  return {
    title: cleanText(paper.title) || cleanText(paper.arxivId) || 'Untitled paper',
    titleHref: paperPage ?? arxiv,
    byline: byline === '' ? undefined : byline,
    meta: meta.length > 0 ? meta.join(' · ') : undefined,
    summary: truncateAtWord(cleanText(paper.summary)),
    links,
  };
}

export function readerPaperView(item: Pick<DigestPaperForReader, 'reasons' | 'feedbackUpUrl' | 'feedbackDownUrl'>): ReaderPaperView {
  const reasons = item.reasons.map(cleanText).filter((reason) => reason !== '');
  return {
    why: reasons.length > 0 ? reasons.join('; ') : undefined,
    upHref: safeHref(item.feedbackUpUrl),
    downHref: safeHref(item.feedbackDownUrl),
  };
}

export function shellView(digest: DigestForReader): ShellView {
  return {
    editionLabel: formatEditionDate(digest.editionDate),
    countLabel: formatPaperCount(digest.papers.length),
    viewHref: safeHref(digest.viewInBrowserUrl),
    reason: cleanText(digest.reason),
    manageHref: safeHref(digest.manageUrl),
    unsubscribeHref: safeHref(digest.unsubscribeUrl),
  };
}

/*
 * Colours: mid-tone greys and a mid blue keep their contrast when Gmail/Outlook invert them, and clients that honour
 * prefers-color-scheme (Apple Mail, Outlook for Mac, Outlook.com via [data-ogsc]) get an explicit dark palette.
 */
export const DIGEST_DARK_MODE_CSS = [
  ':root{color-scheme:light dark;supported-color-schemes:light dark}',
  '@media (prefers-color-scheme:dark){',
  '.pb-body{background-color:#121212!important}',
  '.pb-container{background-color:#1f1f1f!important}',
  '.pb-text{color:#e8eaed!important}',
  '.pb-muted{color:#bdc1c6!important}',
  '.pb-link{color:#8ab4f8!important}',
  '}',
  '[data-ogsc] .pb-text{color:#e8eaed!important}',
  '[data-ogsc] .pb-muted{color:#bdc1c6!important}',
  '[data-ogsc] .pb-link{color:#8ab4f8!important}',
].join('');

const LAYOUT_CLASSES = { body: 'pb-body', container: 'pb-container', brand: 'pb-text', footer: 'pb-muted' };

const styles = {
  topBar: { color: '#5f6368', fontSize: '12px', lineHeight: '18px', margin: '0 0 8px', textAlign: 'right' },
  date: { color: '#1d1d1f', fontSize: '22px', lineHeight: '28px', fontWeight: 700, margin: '0 0 4px' },
  count: { color: '#5f6368', fontSize: '14px', lineHeight: '20px', margin: '0 0 8px' },
  card: { borderTop: '1px solid #dadce0', padding: '14px 0 2px' },
  title: { color: '#1d1d1f', fontSize: '17px', lineHeight: '24px', fontWeight: 600, margin: '0 0 4px', wordBreak: 'break-word' },
  titleLink: { color: '#1d1d1f', textDecoration: 'none' },
  small: { color: '#5f6368', fontSize: '13px', lineHeight: '19px', margin: '0 0 2px' },
  summary: { color: '#1d1d1f', fontSize: '15px', lineHeight: '22px', margin: '8px 0', wordBreak: 'break-word' },
  link: { color: '#0b57d0' },
  quietLink: { color: '#5f6368' },
} satisfies Record<string, CSSProperties>;

/*
 * Plain <p> and <a> rather than react-email's Text and Link: those repeat every margin and add
 * text-decoration-line and target to each of the ~150 paragraphs and links of a digest, a third of
 * its bytes; links are underlined by default and mail clients open them in a new window anyway.
 */
function P({ style, className, children }: { style: CSSProperties; className: string; children: ReactNode }) {
  return (
    <p style={style} className={className}>
      {children}
    </p>
  );
}

function A({ href, style, className, children }: { href: string; style: CSSProperties; className: string; children: ReactNode }) {
  return (
    <a href={href} style={style} className={className}>
      {children}
    </a>
  );
}

/** Joins inline children with " · " without ever putting two text nodes side by side (React would add a comment). */
function separated(nodes: { key: string; node: ReactNode }[]): ReactNode {
  return nodes.map(({ key, node }, i) => (
    <Fragment key={key}>
      {i > 0 ? ' · ' : null}
      {node}
    </Fragment>
  ));
}

/*
 * The pieces below are split along the lines the cached renderer caches: DigestShell (once per run, with slots for
 * per-reader values and for the paper list), PaperCardFrame (the wrapper), PaperDetails (once per paper) and
 * ReaderLines (per reader). Every per-reader string is the only child of its element, so its markup is exactly
 * its escaped text whatever the value, empty included.
 */

export function DigestShell({ view, children }: { view: ShellView; children: ReactNode }) {
  const footerLinks: { key: string; node: ReactNode }[] = [];
  if (view.manageHref !== undefined) {
    footerLinks.push({ key: 'manage', node: <A href={view.manageHref} style={styles.quietLink} className="pb-muted">Manage preferences</A> });
  }
  if (view.unsubscribeHref !== undefined) {
    footerLinks.push({ key: 'unsubscribe', node: <A href={view.unsubscribeHref} style={styles.quietLink} className="pb-muted">Unsubscribe</A> });
  }
  return (
    <EmailLayout
      preview={DIGEST_PREVIEW}
      headExtra={<style>{DIGEST_DARK_MODE_CSS}</style>}
      classNames={LAYOUT_CLASSES}
      topBar={
        view.viewHref === undefined ? undefined : (
          <P style={styles.topBar} className="pb-muted">
            <A href={view.viewHref} style={styles.quietLink} className="pb-muted">View in browser</A>
          </P>
        )
      }
      footer={
        <>
          <span>{view.reason}</span>
          {footerLinks.length > 0 ? <br /> : null}
          {separated(footerLinks)}
        </>
      }
    >
      <Heading as="h1" style={styles.date} className="pb-text">
        {view.editionLabel}
      </Heading>
      <P style={styles.count} className="pb-muted">
        {view.countLabel}
      </P>
      {children}
    </EmailLayout>
  );
}

export function EmptyDigestNotice() {
  return (
    <P style={styles.summary} className="pb-text">
      {EMPTY_DIGEST_NOTICE}
    </P>
  );
}

export function PaperCardFrame({ children }: { children: ReactNode }) {
  return <Section style={styles.card}>{children}</Section>;
}

export function PaperDetails({ view }: { view: PaperView }) {
  return (
    <>
      <P style={styles.title} className="pb-text">
        {view.titleHref === undefined ? (
          view.title
        ) : (
          <A href={view.titleHref} style={styles.titleLink} className="pb-text">
            {view.title}
          </A>
        )}
      </P>
      {view.byline === undefined ? null : (
        <P style={styles.small} className="pb-muted">
          {view.byline}
        </P>
      )}
      {view.meta === undefined ? null : (
        <P style={styles.small} className="pb-muted">
          {view.meta}
        </P>
      )}
      {view.summary === '' ? null : (
        <P style={styles.summary} className="pb-text">
          {view.summary}
        </P>
      )}
      {view.links.length === 0 ? null : (
        <P style={styles.small} className="pb-muted">
          {separated(
            view.links.map((link) => ({
              key: link.label,
              node: (
                <A href={link.href} style={styles.link} className="pb-link">
                  {link.label}
                </A>
              ),
            })),
          )}
        </P>
      )}
    </>
  );
}

export function ReaderLines({ view }: { view: ReaderPaperView }) {
  const feedback: { key: string; node: ReactNode }[] = [];
  if (view.upHref !== undefined) {
    feedback.push({ key: 'up', node: <A href={view.upHref} style={styles.quietLink} className="pb-muted">👍 More like this</A> });
  }
  if (view.downHref !== undefined) {
    feedback.push({ key: 'down', node: <A href={view.downHref} style={styles.quietLink} className="pb-muted">👎 Fewer like this</A> });
  }
  return (
    <>
      {view.why === undefined ? null : (
        <P style={styles.small} className="pb-muted">
          {`Why: ${view.why}`}
        </P>
      )}
      {feedback.length === 0 ? null : (
        <P style={styles.small} className="pb-muted">
          {separated(feedback)}
        </P>
      )}
    </>
  );
}

export function PaperCard({ item }: { item: DigestPaperForReader }) {
  return (
    <PaperCardFrame>
      <PaperDetails view={paperView(item.paper)} />
      <ReaderLines view={readerPaperView(item)} />
    </PaperCardFrame>
  );
}

/** The daily digest for one reader. All text is rendered by React (escaped); every href has passed `safeHref`. */
export function DigestEmail(props: DigestForReader) {
  return (
    <DigestShell view={shellView(props)}>
      {props.papers.length === 0 ? <EmptyDigestNotice /> : props.papers.map((item, i) => <PaperCard key={`${i}:${item.paper.arxivId}`} item={item} />)}
    </DigestShell>
  );
}
