import { randomBytes } from 'node:crypto';
import { render } from '@react-email/render';
import { createElement, type ReactElement } from 'react';
import type { DigestForReader, DigestPaper } from './digest-model.js';
import { DigestShell, EmptyDigestNotice, PaperCardFrame, PaperDetails, ReaderLines } from './digest-email.js';
import { emitDigestText, paperTextBlock, renderDigestText } from './digest-text.js';
import { paperView, READER_FIELDS, readerPaperView, SHELL_FIELDS, shellView, type PerReaderField, type ReaderPaperView } from './digest-view.js';
import { renderEmail } from '../render-email.js';
import { Piece, QpSink, StringSink, type Sink } from './render-pieces.js';
import { escapeHtml, SlotLayout, SlotTemplate, type SlotKind } from './slot-template.js';

// Also exported from here for render-benchmark.ts, which imports them from this file until it moves to apps/bench.
export { escapeHtml, renderDigestText };

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

/** The reference: one plain react-email render of the whole email, through the registry's render entry. */
export async function renderDigestFull(digest: DigestForReader): Promise<RenderedDigest> {
  const { html, text } = await renderEmail('digest', digest);
  return { html, text };
}

const DOCTYPE_PREFIX = /^<!DOCTYPE[^>]*>/;

// The per-reader values of the shell and of each paper's reader lines, as slots (see SHELL_FIELDS, READER_FIELDS).
const SHELL = new SlotLayout(SHELL_FIELDS);
const READER = new SlotLayout(READER_FIELDS);
/** Where the shell's paper list goes: the slot after its fields'. */
const S_BODY = SHELL.names.length;

/**
 * Renders digests for a run of many readers. `prepare()` renders with react-email, once per run, the shell and each
 * paper's fragment with tokens where per-reader values go; `renderCached()` then builds each reader's email by string
 * concatenation and substitution, escaping exactly as React would, so its HTML is byte-identical to
 * `renderFull()` (tested, including by a property test over arbitrary strings). The per-reader values are the fields
 * of SHELL_FIELDS and READER_FIELDS; each template's slots are checked against them when it is compiled.
 *
 * Papers are cached by arxivId for the life of the instance: use one instance per run, as a run's papers do not change.
 */
export class DigestRenderer {
  // Random per instance so paper text cannot forge a slot token.
  private readonly nonce = randomBytes(9).toString('hex');
  private readonly tokenPattern = new RegExp(`(?:https://slot\\.invalid/)?@${this.nonce}@(\\d+)@`, 'g');
  private readonly paperHtml = new Map<string, Piece>();
  private readonly paperText = new Map<string, Piece>();
  /** By variant (see SlotLayout). */
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
        html.fixed(this.frameOpen);
        html.fixed(cards[i]);
        const reader = READER.read(readers[i]);
        this.readerLines[reader.variant].emit(html, reader.values);
        html.fixed(this.frameClose);
      }
    };
    const slots = SHELL.read(shell);
    this.shells[slots.variant].emit(html, slots.values, { slot: S_BODY, write: writeBody });
    emitDigestText(text, shell, blocks, readers);
  }

  /** The reference path, for tests and the benchmark. */
  renderFull(digest: DigestForReader): Promise<RenderedDigest> {
    return renderDigestFull(digest);
  }

  private token(slot: number, kind: PerReaderField['kind'] = 'text'): string {
    const token = `@${this.nonce}@${slot}@`;
    return kind === 'href' ? `https://slot.invalid/${token}` : token;
  }

  private async prepareRunParts(): Promise<void> {
    const token = (slot: number, kind: PerReaderField['kind']) => this.token(slot, kind);
    const shells: SlotTemplate[] = [];
    for (let variant = 0; variant < SHELL.variants; variant++) {
      // react-email's full render adds its doctype to the shell, exactly as it does to the reference.
      const html = await render(createElement(DigestShell, { view: SHELL.tokenView(variant, token), children: this.token(S_BODY) }));
      shells.push(this.compile(html, new Map([...SHELL.slotsOf(variant), [S_BODY, 'markup']])));
    }
    const readerLines: SlotTemplate[] = [];
    for (let variant = 0; variant < READER.variants; variant++) {
      const lines = await this.renderFragment(createElement(ReaderLines, { view: READER.tokenView(variant, token) }));
      readerLines.push(this.compile(lines, READER.slotsOf(variant)));
    }
    const frame = this.compile(await this.renderFragment(createElement(PaperCardFrame, { children: this.token(0) })), new Map([[0, 'markup']]));
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

  private compile(html: string, expected: ReadonlyMap<number, SlotKind>): SlotTemplate {
    return SlotTemplate.compile(html, this.tokenPattern, expected);
  }
}
