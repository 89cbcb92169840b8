import { qpEncodePiece } from '../mime/quoted-printable.js';

/**
 * A piece of output that is the same for every reader of a run: kept as text and, on first use,
 * quoted-printable encoded once (so MIME assembly per reader only encodes the per-reader values).
 */
export class Piece {
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
export interface Sink {
  fixed(piece: Piece): void;
  value(text: string): void;
}

export class StringSink implements Sink {
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
export class QpSink implements Sink {
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
