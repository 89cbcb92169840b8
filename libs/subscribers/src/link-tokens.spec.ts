import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LinkTokens, TOKEN_PURPOSES } from './link-tokens.js';

const tokens = new LinkTokens('a-test-secret-that-is-long-enough-0123456789');

describe('LinkTokens', () => {
  it('round-trips the subscriber for the purpose it was issued for', () => {
    const id = randomUUID();
    for (const purpose of TOKEN_PURPOSES) expect(tokens.verify(tokens.issue({ purpose, subscriberId: id }), purpose)).toBe(id);
  });

  it('never shows the subscriber id in the token', () => {
    const id = randomUUID();
    const token = tokens.issue({ purpose: 'manage', subscriberId: id });
    expect(token).not.toContain(id.replace(/-/g, '').slice(0, 8));
    expect(Buffer.from(token, 'base64url').toString('hex')).not.toContain(id.replace(/-/g, ''));
  });

  it('refuses a token used for another purpose', () => {
    const token = tokens.issue({ purpose: 'unsubscribe', subscriberId: randomUUID() });
    expect(tokens.verify(token, 'manage')).toBeNull();
    expect(tokens.verify(token, 'confirm')).toBeNull();
  });

  it('refuses an expired confirmation token', () => {
    const token = tokens.issue({ purpose: 'confirm', subscriberId: randomUUID(), expiresAt: new Date(Date.now() + 60_000) });
    expect(tokens.verify(token, 'confirm')).not.toBeNull();
    expect(tokens.verify(token, 'confirm', new Date(Date.now() + 120_000))).toBeNull();
  });

  it('refuses tokens sealed with another secret', () => {
    const other = new LinkTokens('another-secret-that-is-long-enough-012345678');
    expect(tokens.verify(other.issue({ purpose: 'manage', subscriberId: randomUUID() }), 'manage')).toBeNull();
  });

  it('gives two links for the same purpose different tokens (random IV)', () => {
    const id = randomUUID();
    expect(tokens.issue({ purpose: 'manage', subscriberId: id })).not.toBe(tokens.issue({ purpose: 'manage', subscriberId: id }));
  });

  it('property: any tampering with a valid token is refused', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom(...TOKEN_PURPOSES), fc.nat(), fc.integer({ min: 1, max: 255 }), (id, purpose, position, flip) => {
        const token = tokens.issue({ purpose, subscriberId: id });
        const raw = Buffer.from(token, 'base64url');
        raw[position % raw.length] ^= flip;
        expect(tokens.verify(raw.toString('base64url'), purpose)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('property: arbitrary strings never verify', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom(...TOKEN_PURPOSES), (value, purpose) => {
        expect(tokens.verify(value, purpose)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
