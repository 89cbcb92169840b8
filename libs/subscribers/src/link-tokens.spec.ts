import { createCipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LinkTokens, TOKEN_PURPOSES } from './link-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const tokens = new LinkTokens(SECRET);

/** A token as the first release sealed it: purpose, subscriber, expiry; no generation. */
function legacyToken(purpose: (typeof TOKEN_PURPOSES)[number], subscriberId: string, expiresAt?: Date): string {
  const key = Buffer.from(hkdfSync('sha256', SECRET, 'paperboy-link-tokens', 'v1', 32));
  const body = Buffer.alloc(21);
  body.writeUInt8({ confirm: 1, manage: 2, unsubscribe: 3, feedback: 4, view: 5 }[purpose], 0);
  Buffer.from(subscriberId.replace(/-/g, ''), 'hex').copy(body, 1);
  body.writeUInt32BE(expiresAt ? Math.ceil(expiresAt.getTime() / 1000) : 0, 17);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

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

  it('property: a token has exactly one spelling (the spare bits of its last character are not ignored)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom(...TOKEN_PURPOSES), fc.nat({ max: 1000 }), (id, purpose, generation) => {
        const token = tokens.issue({ purpose, subscriberId: id, generation });
        const accepted = [...alphabet].map((last) => token.slice(0, -1) + last).filter((spelling) => tokens.verify(spelling, purpose) !== null);
        expect(accepted).toEqual([token]);
      }),
      { numRuns: 300 },
    );
  });

  it('carries the generation it was issued with (0 when omitted)', () => {
    const id = randomUUID();
    expect(tokens.open(tokens.issue({ purpose: 'manage', subscriberId: id }), 'manage')).toEqual({ subscriberId: id, generation: 0, paperBound: false });
    expect(tokens.open(tokens.issue({ purpose: 'manage', subscriberId: id, generation: 7 }), 'manage')).toMatchObject({ generation: 7 });
    expect(tokens.open(tokens.issue({ purpose: 'confirm', subscriberId: id, generation: 2 ** 32 - 1 }), 'confirm')).toMatchObject({ generation: 2 ** 32 - 1 });
    expect(() => tokens.issue({ purpose: 'manage', subscriberId: id, generation: -1 })).toThrow(RangeError);
  });

  it('binds a feedback token to its paper: another paper is refused', () => {
    const id = randomUUID();
    const token = tokens.issue({ purpose: 'feedback', subscriberId: id, paperId: '2511.00042' });
    expect(tokens.open(token, 'feedback', { paperId: '2511.00042' })).toEqual({ subscriberId: id, generation: 0, paperBound: true });
    expect(tokens.open(token, 'feedback', { paperId: '2511.00043' })).toBeNull();
    expect(tokens.open(token, 'feedback')).toBeNull();
    // A token bound to no paper opens for any paper, saying so; the caller checks the paper was sent.
    const unbound = tokens.issue({ purpose: 'feedback', subscriberId: id });
    expect(tokens.open(unbound, 'feedback', { paperId: '2511.00043' })).toEqual({ subscriberId: id, generation: 0, paperBound: false });
  });

  it('still opens links sent before generations existed, as generation 0 (but no confirm link)', () => {
    const id = randomUUID();
    for (const purpose of ['manage', 'unsubscribe', 'view', 'feedback'] as const) {
      const legacy = legacyToken(purpose, id);
      expect(legacy).toHaveLength(66);
      expect(tokens.open(legacy, purpose)).toEqual({ subscriberId: id, generation: 0, paperBound: false });
    }
    expect(tokens.open(legacyToken('confirm', id, new Date(Date.now() + 60_000)), 'confirm')).toBeNull();
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
