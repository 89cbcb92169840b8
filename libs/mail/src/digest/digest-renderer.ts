import { randomBytes } from 'node:crypto';
import { render } from '@react-email/render';
import { createElement, type ReactElement } from 'react';
import type { DigestForReader, DigestPaper } from './digest-model.js';
import { qpEncodePiece } from '../mime/quoted-printable.js';
import { DigestEmail, DigestShell, EmptyDigestNotice, PaperCardFrame, PaperDetails, ReaderLines } from './digest-email.js';
import { EMPTY_DIGEST_NOTICE, paperView, readerPaperView, shellView, type PaperView, type ReaderPaperView, type ShellView } from './digest-view.js';

export interface RenderedDigest {
  html: string;
  text: string;
}

/**
 * The same digest as quoted-printable MIME bodies, ready to go between the boundaries of a message:
 * lists of encoded chunks (mostly the run's shared pieces, the same Buffers for every reader), so
 * a message is assembled with one copy.
 */
export interface EncodedDigest {
  html: Buffer[];
  text: Buffer[];
  /** Decoded size of the HTML, for the size budget and the benchmark. */
  htmlBytes: number;
}

/** Gmail clips messages above ~102 KB, hiding the footer and its unsubscribe link. */
export const MAX_DIGEST_HTML_BYTES = 100 * 1024;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/**
 * Byte-for-byte what React 19's escapeTextForBrowser emits for text children and attribute values
 * (checked against renderToStaticMarkup and the react-email stream output; the spec pins it).
 */
export function escapeHtml(value: string): string {
  return /["'&<>]/.test(value) ? value.replace(/["'&<>]/g, (ch) => ESCAPES[ch]) : value;
}

/*
 * Plain-text alternative. It is NOT react-email's `render(el, { plainText: true })`: that runs html-to-text over the
 * whole document, and its line breaks depend on neighbouring blocks, so it cannot be assembled from per-paper pieces
 * without re-running the converter per reader (which costs more than the React render it is meant to avoid).
 * Both renderFull and renderCached use this template, from the same view models as the HTML.
 */

export function paperTextBlock(view: PaperView): string {
  const lines = [view.titleHref === undefined ? view.title : `${view.title}\n   ${view.titleHref}`];
  if (view.byline !== undefined) lines.push(`   ${view.byline}`);
  if (view.meta !== undefined) lines.push(`   ${view.meta}`);
  if (view.summary !== '') lines.push(`   ${view.summary}`);
  for (const link of view.links) lines.push(`   ${link.label}: ${link.href}`);
  return `${lines.join('\n')}\n`;
}

export function readerTextLines(view: ReaderPaperView): string {
  const sink = new StringSink();
  emitReaderTextLines(sink, view);
  return sink.out;
}

/**
 * A piece of output that is the same for every reader of a run: kept as text and, on first use,
 * quoted-printable encoded once (so MIME assembly per reader only encodes the per-reader values).
 */
class Piece {
  private encoded: Buffer | undefined;
  readonly bytes: number;

  constructor(readonly raw: string) {
    this.bytes = Buffer.byteLength(raw);
  }

  get qp(): Buffer {
    return (this.encoded ??= Buffer.from(qpEncodePiece(this.raw), 'latin1'));
  }
}

/** Where a digest is written: `fixed` pieces are shared by every reader, `value`s are per reader. */
interface Sink {
  fixed(piece: Piece): void;
  value(text: string): void;
}

class StringSink implements Sink {
  out = '';
  fixed(piece: Piece): void {
    this.out += piece.raw;
  }
  value(text: string): void {
    this.out += text;
  }
}

const SOFT_BREAK = Buffer.from('=\r\n');

/** Collects encoded chunks: the shared pieces' own Buffers, and the per-reader values encoded here. */
class QpSink implements Sink {
  private readonly parts: Buffer[] = [];
  bytes = 0;
  fixed(piece: Piece): void {
    if (piece.bytes === 0) return;
    this.parts.push(piece.qp);
    this.bytes += piece.bytes;
  }
  value(text: string): void {
    if (text === '') return;
    this.parts.push(Buffer.from(qpEncodePiece(text), 'latin1'));
    this.bytes += Buffer.byteLength(text);
  }
  /** The chunks, minus the last soft break (the MIME boundary's CRLF follows the body) unless white space stands before it. */
  chunks(): Buffer[] {
    const last = this.parts[this.parts.length - 1];
    if (last && last.length >= 3 && last.subarray(-3).equals(SOFT_BREAK)) {
      const before = last.length > 3 ? last[last.length - 4] : this.parts.length > 1 ? this.parts[this.parts.length - 2].at(-1) : undefined;
      if (before !== 0x20 && before !== 0x09) this.parts[this.parts.length - 1] = last.subarray(0, -3);
    }
    return this.parts;
  }
}

// The labels of a reader's lines in the text part are the same for every reader (and hold emoji):
// encoded once, like the papers.
const WHY_LABEL = new Piece('   Why: ');
const UP_LABEL = new Piece('   👍 More like this: ');
const DOWN_LABEL = new Piece('   👎 Fewer like this: ');

function emitReaderTextLines(sink: Sink, view: ReaderPaperView): void {
  if (view.why !== undefined) {
    sink.fixed(WHY_LABEL);
    sink.value(`${view.why}\n`);
  }
  if (view.upHref !== undefined) {
    sink.fixed(UP_LABEL);
    sink.value(`${view.upHref}\n`);
  }
  if (view.downHref !== undefined) {
    sink.fixed(DOWN_LABEL);
    sink.value(`${view.downHref}\n`);
  }
}

function emitText(sink: Sink, shell: ShellView, paperBlocks: readonly Piece[], readers: readonly ReaderPaperView[]): void {
  let head = `Paperboy: ${shell.editionLabel}\n${shell.countLabel}\n`;
  if (shell.viewHref !== undefined) head += `View in browser: ${shell.viewHref}\n`;
  if (paperBlocks.length === 0) head += `\n${EMPTY_DIGEST_NOTICE}\n`;
  sink.value(head);
  for (let i = 0; i < paperBlocks.length; i++) {
    sink.value(`\n${i + 1}. `);
    sink.fixed(paperBlocks[i]);
    emitReaderTextLines(sink, readers[i]);
  }
  let foot = `\n-- \n${shell.reason}\n`;
  if (shell.manageHref !== undefined) foot += `Manage preferences: ${shell.manageHref}\n`;
  if (shell.unsubscribeHref !== undefined) foot += `Unsubscribe: ${shell.unsubscribeHref}\n`;
  sink.value(foot);
}

function assembleText(shell: ShellView, paperBlocks: readonly string[], readers: readonly ReaderPaperView[]): string {
  const sink = new StringSink();
  emitText(sink, shell, paperBlocks.map((block) => new Piece(block)), readers);
  return sink.out;
}

/** The plain-text alternative rendered from scratch (what the cached path must reproduce). */
export function renderDigestText(digest: DigestForReader): string {
  return assembleText(
    shellView(digest),
    digest.papers.map((item) => paperTextBlock(paperView(item.paper))),
    digest.papers.map(readerPaperView),
  );
}

/** The reference: one plain react-email render of the whole email. */
export async function renderDigestFull(digest: DigestForReader): Promise<RenderedDigest> {
  const html = await render(createElement(DigestEmail, digest));
  return { html, text: renderDigestText(digest) };
}

/**
 * react-email output with per-reader values cut out: `parts[0] + v[slots[0]] + parts[1] + … + parts[n]`.
 * Values are substituted already escaped; `body` (when given) is written where its slot is.
 */
class SlotTemplate {
  readonly parts: readonly Piece[];

  constructor(
    parts: readonly string[],
    private readonly slots: readonly number[],
  ) {
    this.parts = parts.map((part) => new Piece(part));
  }

  emit(sink: Sink, values: readonly string[], body?: { slot: number; write: () => void }): void {
    sink.fixed(this.parts[0]);
    for (let i = 0; i < this.slots.length; i++) {
      if (body !== undefined && this.slots[i] === body.slot) body.write();
      else sink.value(values[this.slots[i]]);
      sink.fixed(this.parts[i + 1]);
    }
  }
}

const DOCTYPE_PREFIX = /^<!DOCTYPE[^>]*>/;

// Slot numbers of the shell and of the per-reader lines.
const S_EDITION = 0;
const S_COUNT = 1;
const S_VIEW = 2;
const S_REASON = 3;
const S_MANAGE = 4;
const S_UNSUBSCRIBE = 5;
const S_BODY = 6;
const R_WHY = 0;
const R_UP = 1;
const R_DOWN = 2;

/*
 * An optional link that is present in one email and dropped in another changes the markup around it, not just a
 * value, so each on/off combination gets its own template: bit 0/1/2 = view/manage/unsubscribe for the shell,
 * why/up/down for the reader lines. Eight each, rendered once per run.
 */
const VARIANTS = 8;

/**
 * Renders digests for a run of many readers. `prepare()` renders with react-email, once per run, the shell and each
 * paper's fragment with tokens where per-reader values go; `renderCached()` then builds each reader's email by string
 * concatenation and substitution, escaping exactly as React would, so its HTML is byte-identical to
 * `renderFull()` (tested, including by a property test over arbitrary strings).
 *
 * Papers are cached by arxivId for the life of the instance: use one instance per run, as a run's papers do not change.
 */
export class DigestRenderer {
  // Random per instance so paper text cannot forge a slot token.
  private readonly nonce = randomBytes(9).toString('hex');
  private readonly tokenPattern = new RegExp(`(?:https://slot\\.invalid/)?@${this.nonce}@(\\d+)@`, 'g');
  private readonly paperHtml = new Map<string, Piece>();
  private readonly paperText = new Map<string, Piece>();
  private shells: SlotTemplate[] = [];
  private readerLines: SlotTemplate[] = [];
  private frameOpen = new Piece('');
  private frameClose = new Piece('');
  private emptyBody = new Piece('');
  private runPartsReady = false;
  private runParts: Promise<void> | undefined;
  /** Paper fragments being rendered right now, so a concurrent digest awaits them instead of rendering again. */
  private readonly rendering = new Map<string, Promise<void>>();

  /**
   * Renders the shared parts (first call only) and every paper not cached yet. Safe to call again with more
   * papers, and concurrently: digests prepared at the same moment share one render of each part.
   */
  async prepare(papers: readonly DigestPaper[]): Promise<void> {
    if (!this.runPartsReady) await (this.runParts ??= this.prepareRunParts().catch((error: unknown) => {
      this.runParts = undefined;
      throw error;
    }));
    for (const paper of papers) {
      if (this.paperHtml.has(paper.arxivId)) continue;
      let rendering = this.rendering.get(paper.arxivId);
      if (!rendering) {
        rendering = this.preparePaper(paper).finally(() => this.rendering.delete(paper.arxivId));
        this.rendering.set(paper.arxivId, rendering);
      }
      await rendering;
    }
  }

  private async preparePaper(paper: DigestPaper): Promise<void> {
    const view = paperView(paper);
    const html = await this.renderFragment(createElement(PaperDetails, { view }));
    if (html.includes(`@${this.nonce}@`)) throw new Error(`Paper ${paper.arxivId} contains the renderer's slot token`);
    this.paperHtml.set(paper.arxivId, new Piece(html));
    this.paperText.set(paper.arxivId, new Piece(paperTextBlock(view)));
  }

  get preparedPaperCount(): number {
    return this.paperHtml.size;
  }

  /** Synchronous; throws if a paper of the digest was not passed to `prepare()`. */
  renderCached(digest: DigestForReader): RenderedDigest {
    const html = new StringSink();
    const text = new StringSink();
    this.emit(digest, html, text);
    return { html: html.out, text: text.out };
  }

  /**
   * The same digest as quoted-printable bodies for a MIME message: shared pieces are encoded once
   * per run, only the per-reader values per message. Decodes to exactly what renderCached returns.
   */
  renderEncoded(digest: DigestForReader): EncodedDigest {
    const html = new QpSink();
    const text = new QpSink();
    this.emit(digest, html, text);
    return { html: html.chunks(), text: text.chunks(), htmlBytes: html.bytes };
  }

  private emit(digest: DigestForReader, html: Sink, text: Sink): void {
    if (!this.runPartsReady) throw new Error('DigestRenderer.prepare() must run before rendering a digest');
    const shell = shellView(digest);
    const readers: ReaderPaperView[] = [];
    const blocks: Piece[] = [];
    const cards: Piece[] = [];
    for (const item of digest.papers) {
      const card = this.paperHtml.get(item.paper.arxivId);
      const block = this.paperText.get(item.paper.arxivId);
      if (card === undefined || block === undefined) throw new Error(`Paper ${item.paper.arxivId} was not prepared`);
      cards.push(card);
      blocks.push(block);
      readers.push(readerPaperView(item));
    }
    const writeBody = () => {
      if (cards.length === 0) html.fixed(this.emptyBody);
      for (let i = 0; i < cards.length; i++) {
        const reader = readers[i];
        html.fixed(this.frameOpen);
        html.fixed(cards[i]);
        const variant = (reader.why !== undefined ? 1 : 0) | (reader.upHref !== undefined ? 2 : 0) | (reader.downHref !== undefined ? 4 : 0);
        this.readerLines[variant].emit(html, [
          reader.why === undefined ? '' : escapeHtml(reader.why),
          reader.upHref === undefined ? '' : escapeHtml(reader.upHref),
          reader.downHref === undefined ? '' : escapeHtml(reader.downHref),
        ]);
        html.fixed(this.frameClose);
      }
    };
    const variant = (shell.viewHref !== undefined ? 1 : 0) | (shell.manageHref !== undefined ? 2 : 0) | (shell.unsubscribeHref !== undefined ? 4 : 0);
    const values: string[] = [];
    values[S_EDITION] = escapeHtml(shell.editionLabel);
    values[S_COUNT] = escapeHtml(shell.countLabel);
    values[S_VIEW] = shell.viewHref === undefined ? '' : escapeHtml(shell.viewHref);
    values[S_REASON] = escapeHtml(shell.reason);
    values[S_MANAGE] = shell.manageHref === undefined ? '' : escapeHtml(shell.manageHref);
    values[S_UNSUBSCRIBE] = shell.unsubscribeHref === undefined ? '' : escapeHtml(shell.unsubscribeHref);
    this.shells[variant].emit(html, values, { slot: S_BODY, write: writeBody });
    emitText(text, shell, blocks, readers);
  }

  /** The reference path, for tests and the benchmark. */
  renderFull(digest: DigestForReader): Promise<RenderedDigest> {
    return renderDigestFull(digest);
  }

  private textToken(slot: number): string {
    return `@${this.nonce}@${slot}@`;
  }

  private urlToken(slot: number): string {
    return `https://slot.invalid/${this.textToken(slot)}`;
  }

  private async prepareRunParts(): Promise<void> {
    const shells: SlotTemplate[] = [];
    const readerLines: SlotTemplate[] = [];
    for (let variant = 0; variant < VARIANTS; variant++) {
      const shell: ShellView = {
        editionLabel: this.textToken(S_EDITION),
        countLabel: this.textToken(S_COUNT),
        viewHref: variant & 1 ? this.urlToken(S_VIEW) : undefined,
        reason: this.textToken(S_REASON),
        manageHref: variant & 2 ? this.urlToken(S_MANAGE) : undefined,
        unsubscribeHref: variant & 4 ? this.urlToken(S_UNSUBSCRIBE) : undefined,
      };
      // react-email's full render adds its doctype to the shell, exactly as it does to the reference.
      const html = await render(createElement(DigestShell, { view: shell, children: this.textToken(S_BODY) }));
      shells.push(this.compile(html, [S_EDITION, S_COUNT, S_REASON, S_BODY, ...(variant & 1 ? [S_VIEW] : []), ...(variant & 2 ? [S_MANAGE] : []), ...(variant & 4 ? [S_UNSUBSCRIBE] : [])]));

      const reader: ReaderPaperView = {
        why: variant & 1 ? this.textToken(R_WHY) : undefined,
        upHref: variant & 2 ? this.urlToken(R_UP) : undefined,
        downHref: variant & 4 ? this.urlToken(R_DOWN) : undefined,
      };
      const lines = await this.renderFragment(createElement(ReaderLines, { view: reader }));
      readerLines.push(this.compile(lines, [...(variant & 1 ? [R_WHY] : []), ...(variant & 2 ? [R_UP] : []), ...(variant & 4 ? [R_DOWN] : [])]));
    }
    const frame = this.compile(await this.renderFragment(createElement(PaperCardFrame, { children: this.textToken(0) })), [0]);
    this.shells = shells;
    this.readerLines = readerLines;
    this.frameOpen = frame.parts[0];
    this.frameClose = frame.parts[1];
    this.emptyBody = new Piece(await this.renderFragment(createElement(EmptyDigestNotice)));
    this.runPartsReady = true;
  }

  /**
   * A subtree rendered on its own through react-email, minus what only the document root gets: the doctype and the
   * root Suspense boundary markers (react-email wraps every render in <Suspense>).
   */
  private async renderFragment(element: ReactElement): Promise<string> {
    const html = (await render(element)).replace(DOCTYPE_PREFIX, '');
    if (!html.startsWith('<!--$-->') || !html.endsWith('<!--/$-->')) throw new Error('Unexpected react-email fragment framing');
    return html.slice('<!--$-->'.length, -'<!--/$-->'.length);
  }

  /** Splits rendered markup at the slot tokens; every expected slot must appear exactly once. */
  private compile(html: string, expected: readonly number[]): SlotTemplate {
    const parts: string[] = [];
    const slots: number[] = [];
    let last = 0;
    for (const match of html.matchAll(this.tokenPattern)) {
      parts.push(html.slice(last, match.index));
      slots.push(Number(match[1]));
      last = match.index + match[0].length;
    }
    parts.push(html.slice(last));
    const found = [...slots].sort((a, b) => a - b).join(',');
    const wanted = [...expected].sort((a, b) => a - b).join(',');
    if (found !== wanted) throw new Error(`Template slots ${found} do not match the expected ${wanted}`);
    return new SlotTemplate(parts, slots);
  }
}
