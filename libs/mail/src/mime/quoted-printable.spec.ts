import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { qpBody, qpDecode, qpEncodePiece } from './quoted-printable.js';

const lines = (encoded: string) => encoded.split('\r\n');

describe('quoted-printable pieces', () => {
  it('round-trips any text, pieces concatenated', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 6 }), fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }), (pieces, more) => {
        const all = [...pieces, ...more].map((p) => p.replace(/\r/g, ''));
        const encoded = qpBody(all.map(qpEncodePiece).join(''));
        expect(qpDecode(encoded)).toBe(Buffer.from(all.join(''), 'utf8').toString('utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips plain ASCII with line breaks (the fast path) as well as anything else', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', '\n', '.', '/', '-', '=', '\t'), maxLength: 300 });
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 5 }), (pieces) => {
        const encoded = qpBody(pieces.map(qpEncodePiece).join(''));
        expect(qpDecode(encoded)).toBe(pieces.join(''));
        for (const line of lines(encoded)) {
          expect(line.length).toBeLessThanOrEqual(76);
          expect(line).not.toMatch(/[ \t]$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps lines within 76 characters, ASCII only, no trailing white space', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const encoded = qpEncodePiece(text.replace(/\r/g, ''));
        for (const line of lines(encoded)) {
          expect(line.length).toBeLessThanOrEqual(76);
          expect(line).toMatch(/^[\x21-\x7e \t]*$/);
          expect(line).not.toMatch(/[ \t]$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('encodes "=", controls and UTF-8, and ends every piece at column 0', () => {
    expect(qpEncodePiece('a=b')).toBe('a=3Db=\r\n');
    expect(qpEncodePiece('é 👍')).toBe('=C3=A9 =F0=9F=91=8D=\r\n');
    expect(qpEncodePiece('end \nnext')).toBe('end=20\r\nnext=\r\n');
    expect(qpEncodePiece('')).toBe('');
    expect(qpBody('abc=\r\n')).toBe('abc');
  });
});
