import { Heading, Section } from '@react-email/components';
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { EmailLayout } from '../templates/email-layout.js';
import type { DigestForReader, DigestPaperForReader } from './digest-model.js';
import { EMPTY_DIGEST_NOTICE, paperView, readerPaperView, shellView, type PaperView, type ReaderPaperView, type ShellView } from './digest-view.js';

// What the text is (cleaned, formatted, links checked) is decided in digest-view.ts; this file only lays it out.

export const DIGEST_PREVIEW = 'Today’s trending research papers, picked for your interests.';

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
 * ReaderLines (per reader). Each per-reader value (SHELL_FIELDS, READER_FIELDS) must be the only child of its element
 * or a whole href, so its markup is exactly its escaped text whatever the value, empty included: the renderer checks
 * that on every template it compiles (slot-template.ts), and refuses to render otherwise.
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

const previewFeedback = (arxivId: string) => `https://paperboy.example/feedback/Vt3kP9mQx2LcR7wYb5Hn8ZdF1sJg4eAu/${arxivId}`;

DigestEmail.PreviewProps = {
  editionDate: '2026-11-20',
  papers: [
    {
      paper: {
        arxivId: '2611.04217',
        title: 'RLP: Reinforcement as a Pretraining Objective',
        authors: ['Mira Chen', 'Tomás Ortega', 'Priya Natarajan', 'Jonas Weber', 'Aiko Tanaka'],
        authorCount: 5,
        organization: 'NVIDIA',
        arxivDate: '2026-11-17',
        featuredDate: '2026-11-19',
        upvotes: 128,
        summary:
          'We bring reinforcement learning into pretraining: the model is rewarded for chains of thought that make the next tokens more likely, a dense signal that needs no verifier. Pretraining with it improves math and science benchmarks by several points over next-token prediction alone, and the gains hold after post-training.',
        links: {
          paperPage: 'https://huggingface.co/papers/2611.04217',
          arxiv: 'https://arxiv.org/abs/2611.04217',
          pdf: 'https://arxiv.org/pdf/2611.04217',
          code: 'https://github.com/example/rlp',
        },
      },
      reasons: ["'reward' in title and abstract; topic Reinforcement learning from human feedback"],
      feedbackUpUrl: `${previewFeedback('2611.04217')}/up`,
      feedbackDownUrl: `${previewFeedback('2611.04217')}/down`,
    },
    {
      paper: {
        arxivId: '2611.05102',
        title: 'Think-RM: Enabling Long-Horizon Reasoning in Generative Reward Models',
        authors: ['Hana Park', 'Samuel Okafor'],
        authorCount: 2,
        organization: null,
        arxivDate: '2026-11-18',
        featuredDate: '2026-11-20',
        upvotes: 41,
        summary: 'Generative reward models that think before they judge: trained to reason over long horizons, they rank responses better than larger scalar reward models on preference benchmarks.',
        links: { paperPage: 'https://huggingface.co/papers/2611.05102', arxiv: 'https://arxiv.org/abs/2611.05102', pdf: 'https://arxiv.org/pdf/2611.05102' },
      },
      reasons: ["'reward model' in title and abstract; topic Reward modeling", 'keyword “GRPO”'],
      feedbackUpUrl: `${previewFeedback('2611.05102')}/up`,
      feedbackDownUrl: `${previewFeedback('2611.05102')}/down`,
    },
    {
      paper: {
        arxivId: '2611.06333',
        title: 'ToolRL: Reward is All Tool Learning Needs',
        authors: [],
        authorCount: 9,
        organization: 'University of Illinois',
        arxivDate: '2026-11-18',
        featuredDate: null,
        upvotes: null,
        summary: 'A study of reward design for teaching language models to call tools with reinforcement learning.',
        links: { arxiv: 'https://arxiv.org/abs/2611.06333', projectPage: 'https://example.org/toolrl' },
      },
      reasons: [],
      feedbackUpUrl: `${previewFeedback('2611.06333')}/up`,
      feedbackDownUrl: `${previewFeedback('2611.06333')}/down`,
    },
  ],
  manageUrl: 'https://paperboy.example/preferences/Xb7Qm2LrT9vKc4WzN8yHd1fGs6pJa3eUo5Ri',
  unsubscribeUrl: 'https://paperboy.example/unsubscribe/Lw4Zr8Tq1Ny6Hc3Vb9Kp2Xm7Fd5Gs0Ja',
  viewInBrowserUrl: 'https://paperboy.example/digests/Pn6Yc1Rx8Wk3Qv5Tz2Lm9Bh4Df7Gs0Ej/2026-11-20',
  reason: 'You get this email because you subscribed to Paperboy with ada@example.org on 2026-11-02 and chose: Reinforcement learning from human feedback, Reward modeling, “GRPO”.',
} satisfies DigestForReader;
