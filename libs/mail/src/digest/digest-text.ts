import type { DigestForReader } from './digest-model.js';
import { EMPTY_DIGEST_NOTICE, paperView, readerPaperView, shellView, type PaperView, type ReaderPaperView, type ShellView } from './digest-view.js';
import { Piece, StringSink, type Sink } from './render-pieces.js';

/*
 * The digest's plain-text alternative. It is NOT react-email's `render(el, { plainText: true })`: that runs
 * html-to-text over the whole document, and its line breaks depend on neighbouring blocks, so it cannot be assembled
 * from per-paper pieces without re-running the converter per reader (which costs more than the React render it is
 * meant to avoid). The full render and the cached renderer both write it from the same view models as the HTML.
 */

export function paperTextBlock(view: PaperView): string {
  const lines = [view.titleHref === undefined ? view.title : `${view.title}\n   ${view.titleHref}`];
  if (view.byline !== undefined) lines.push(`   ${view.byline}`);
  if (view.meta !== undefined) lines.push(`   ${view.meta}`);
  if (view.summary !== '') lines.push(`   ${view.summary}`);
  for (const link of view.links) lines.push(`   ${link.label}: ${link.href}`);
  return `${lines.join('\n')}\n`;
}

// The labels of a reader's lines are the same for every reader (and hold emoji): encoded once, like the papers.
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

/** Writes the text alternative: `paperBlocks[i]` (a shared piece, see paperTextBlock) with `readers[i]`'s lines. */
export function emitDigestText(sink: Sink, shell: ShellView, paperBlocks: readonly Piece[], readers: readonly ReaderPaperView[]): void {
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

/** The plain-text alternative rendered from scratch (what the cached path must reproduce). */
export function renderDigestText(digest: DigestForReader): string {
  const sink = new StringSink();
  emitDigestText(
    sink,
    shellView(digest),
    digest.papers.map((item) => new Piece(paperTextBlock(paperView(item.paper)))),
    digest.papers.map(readerPaperView),
  );
  return sink.out;
}
