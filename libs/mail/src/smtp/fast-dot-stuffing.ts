import { createHash } from 'node:crypto';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';

/*
 * nodemailer's SMTP DATA stream (DataStream) turns bare CR and LF into CRLF and stuffs a dot at
 * the start of each line, one byte at a time in JavaScript: for a 70 KB digest that loop was the
 * largest single cost of sending (about 40% of the transport's CPU in a profile). The replacement
 * below makes exactly the same decisions, but only at the positions where one can be needed (the
 * start of the stream and around each CR and LF, found with Buffer#indexOf), and copies the rest
 * untouched. A property test checks it against nodemailer's own method byte for byte, over random
 * input split at random chunk boundaries; and it is only installed over the exact method it was
 * tested against (the source hash below), so a nodemailer upgrade falls back to the original.
 */

type DataStreamInternals = {
  _transform(chunk: Buffer | string, encoding: BufferEncoding, done: () => void): void;
  push(chunk: Buffer): boolean;
  inByteCount: number;
  outByteCount: number;
  lastByte: number | false;
};

const INSERT_LF = Buffer.from('\n');
const INSERT_LF_DOT = Buffer.from('\n.');
const INSERT_CR = Buffer.from('\r');
const INSERT_DOT = Buffer.from('.');

const proto = DataStream.prototype as unknown as DataStreamInternals;

/** nodemailer's own `_transform`, as loaded. */
export const originalDotStuffing = proto._transform;

/** SHA-256 of the source of the DataStream#_transform this replacement was checked against (nodemailer 10.6). */
export const TESTED_SOURCE_SHA256 = 'f9011076cfb9b81d6f382bca2d600bc9fe9d40bbe0d4bed9a0563aab27e8d4d5';

export function fastDotStuffing(this: DataStreamInternals, input: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
  if (!input || !input.length) return done();
  const chunk = typeof input === 'string' ? Buffer.from(input) : input;
  this.inByteCount += chunk.length;
  const length = chunk.length;
  const lastByte = this.lastByte;
  let parts: Buffer[] | null = null;
  let partsLength = 0;
  let lastPos = 0;
  let checked = -1;
  const visit = (i: number) => {
    if (i <= checked || i >= length) return;
    checked = i;
    const byte = chunk[i];
    const prev = i ? chunk[i - 1] : lastByte;
    let insert: Buffer | null = null;
    if (prev === 0x0d && byte !== 0x0a) insert = byte === 0x2e ? INSERT_LF_DOT : INSERT_LF;
    else if (byte === 0x0a && prev !== 0x0d) insert = INSERT_CR;
    else if (byte === 0x2e && (prev === 0x0a || prev === false)) insert = INSERT_DOT;
    if (insert === null) return;
    parts ??= [];
    if (i > lastPos) {
      const piece = chunk.subarray(lastPos, i);
      parts.push(piece);
      partsLength += piece.length;
    }
    parts.push(insert);
    partsLength += insert.length;
    lastPos = i;
  };
  // Only the first byte and the bytes at or right after a CR or LF can need an insert.
  visit(0);
  let cr = chunk.indexOf(0x0d);
  let lf = chunk.indexOf(0x0a);
  while (cr !== -1 || lf !== -1) {
    let at: number;
    if (lf === -1 || (cr !== -1 && cr < lf)) {
      at = cr;
      cr = chunk.indexOf(0x0d, at + 1);
    } else {
      at = lf;
      lf = chunk.indexOf(0x0a, at + 1);
    }
    visit(at);
    visit(at + 1);
  }
  if (parts !== null) {
    const list: Buffer[] = parts;
    if (lastPos < length) {
      const piece = chunk.subarray(lastPos);
      list.push(piece);
      partsLength += piece.length;
    }
    this.outByteCount += partsLength;
    this.push(Buffer.concat(list, partsLength));
  } else {
    this.outByteCount += length;
    this.push(chunk);
  }
  this.lastByte = chunk[length - 1];
  done();
}

export const sourceHash = (fn: (...args: never[]) => unknown) => createHash('sha256').update(fn.toString()).digest('hex');

/** Installs the fast path if nodemailer's method is the one it was tested against; says whether it did. */
export function installFastDotStuffing(): boolean {
  if (proto._transform === fastDotStuffing) return true;
  if (sourceHash(originalDotStuffing) !== TESTED_SOURCE_SHA256) return false;
  proto._transform = fastDotStuffing;
  return true;
}
