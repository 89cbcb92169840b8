import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { fastDotStuffing, installFastDotStuffing, originalDotStuffing, sourceHash, TESTED_SOURCE_SHA256 } from './fast-dot-stuffing.js';

type Transform = typeof originalDotStuffing;

/** Runs the DATA stream with a given _transform over the chunks; returns what goes on the wire. */
function wire(transform: Transform, chunks: Buffer[]): Promise<Buffer> {
  const stream = new DataStream();
  (stream as unknown as { _transform: Transform })._transform = transform;
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  return new Promise((resolve) => {
    stream.on('end', () => resolve(Buffer.concat(out)));
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
}

// Bytes rich in what the stream cares about: CR, LF, dots, and ordinary text.
const byte = fc.oneof(fc.constantFrom(0x0d, 0x0a, 0x2e, 0x2e, 0x20), fc.integer({ min: 0, max: 255 }));

describe('fast dot stuffing', () => {
  it('puts on the wire exactly what nodemailer’s own DATA stream does, however the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(byte, { maxLength: 40 }), { maxLength: 8 }), async (pieces) => {
        const chunks = pieces.map((p) => Buffer.from(p));
        expect((await wire(fastDotStuffing, chunks)).toString('hex')).toBe((await wire(originalDotStuffing, chunks)).toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the lines of a real message: CRLF, a leading dot, a bare LF, a trailing CR', async () => {
    const chunks = [Buffer.from('Subject: x\r\n\r\n.hidden\r\nbare\nline\r'), Buffer.from('.\r\n..two\r\n')];
    expect((await wire(fastDotStuffing, chunks)).toString()).toBe((await wire(originalDotStuffing, chunks)).toString());
  });

  it('is installed only over the nodemailer method it was tested against', () => {
    expect(sourceHash(originalDotStuffing)).toBe(TESTED_SOURCE_SHA256);
    expect(installFastDotStuffing()).toBe(true);
    expect((DataStream.prototype as unknown as { _transform: Transform })._transform).toBe(fastDotStuffing);
  });
});
