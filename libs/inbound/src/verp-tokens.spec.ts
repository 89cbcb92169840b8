import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DeliveryRef } from './events.js';
import { InboundAddresses } from './inbound-addresses.js';
import { VERP_TOKEN_LENGTH, VerpTokens } from './verp-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const tokens = new VerpTokens(SECRET);
const addresses = new InboundAddresses({ domain: 'In.Example.ORG', secret: SECRET });

const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const deliveryRef: fc.Arbitrary<DeliveryRef> = fc.oneof(
  fc.record({ kind: fc.constant('digest' as const), subscriberId: fc.uuid(), editionDate: day }),
  fc.record({ kind: fc.constant('confirmation' as const), subscriberId: fc.uuid(), request: fc.nat({ max: 0xffffffff }) }),
);
const unsubscribeRef = fc.record({ subscriberId: fc.uuid(), generation: fc.nat({ max: 0xffffffff }) });
const lower = (ref: DeliveryRef): DeliveryRef => ({ ...ref, subscriberId: ref.subscriberId.toLowerCase() });
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

describe('VERP tokens', () => {
  it('property: a bounce token opens to the delivery or confirmation it was issued for', () => {
    fc.assert(
      fc.property(deliveryRef, (ref) => {
        const token = tokens.bounceToken(ref);
        expect(token).toHaveLength(VERP_TOKEN_LENGTH);
        expect(token).toMatch(/^[a-z2-7]+$/);
        expect(tokens.openBounceToken(token)).toEqual(lower(ref));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: an unsubscribe token opens to its subscriber and generation', () => {
    fc.assert(
      fc.property(unsubscribeRef, (ref) => {
        expect(tokens.openUnsubscribeToken(tokens.unsubscribeToken(ref))).toEqual({ ...ref, subscriberId: ref.subscriberId.toLowerCase() });
      }),
      { numRuns: 500 },
    );
  });

  it('property: any change of any character is refused', () => {
    fc.assert(
      fc.property(deliveryRef, fc.nat(), fc.integer({ min: 1, max: 31 }), (ref, position, shift) => {
        const token = tokens.bounceToken(ref);
        const i = position % token.length;
        const changed = token.slice(0, i) + ALPHABET[(ALPHABET.indexOf(token[i]) + shift) % 32] + token.slice(i + 1);
        expect(tokens.openBounceToken(changed)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('property: any case folding of a token still opens it (MTAs may change the case of local parts)', () => {
    fc.assert(
      fc.property(deliveryRef, fc.array(fc.boolean(), { minLength: VERP_TOKEN_LENGTH, maxLength: VERP_TOKEN_LENGTH }), (ref, upper) => {
        const token = tokens.bounceToken(ref);
        const folded = [...token].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        expect(tokens.openBounceToken(folded)).toEqual(lower(ref));
        expect(tokens.openBounceToken(token.toUpperCase())).toEqual(lower(ref));
      }),
      { numRuns: 500 },
    );
  });

  it('property: a token is bound to its purpose: a bounce token never unsubscribes, nor the reverse', () => {
    fc.assert(
      fc.property(deliveryRef, unsubscribeRef, (delivery, unsubscribe) => {
        expect(tokens.openUnsubscribeToken(tokens.bounceToken(delivery))).toBeNull();
        expect(tokens.openBounceToken(tokens.unsubscribeToken(unsubscribe))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('property: arbitrary strings, and base32 of the right length, never open', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[a-z2-7]{50}$/)), (value) => {
        expect(tokens.openBounceToken(value)).toBeNull();
        expect(tokens.openUnsubscribeToken(value)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses tokens of another secret, and non-strings', () => {
    const other = new VerpTokens('another-secret-that-is-long-enough-012345678');
    const ref: DeliveryRef = { kind: 'digest', subscriberId: '0b7e0d9a-3f43-4c55-9a43-7d2b4bb0d1e2', editionDate: '2026-03-01' };
    expect(tokens.openBounceToken(other.bounceToken(ref))).toBeNull();
    for (const value of [undefined, null, 42, {}, ['x']]) expect(tokens.openBounceToken(value)).toBeNull();
  });

  it('hides the subscriber and the date: nothing of them is readable and tokens of neighbours share nothing', () => {
    const id = '0b7e0d9a-3f43-4c55-9a43-7d2b4bb0d1e2';
    const a = tokens.bounceToken({ kind: 'digest', subscriberId: id, editionDate: '2026-03-01' });
    const b = tokens.bounceToken({ kind: 'digest', subscriberId: id, editionDate: '2026-03-02' });
    expect(a).not.toContain('0b7e0d9a');
    const shared = [...a].filter((c, i) => b[i] === c).length;
    expect(shared).toBeLessThan(10); // about 50/32 expected by chance
    // Deterministic: a retried delivery keeps its return path.
    expect(tokens.bounceToken({ kind: 'digest', subscriberId: id, editionDate: '2026-03-01' })).toBe(a);
  });

  it('refuses to issue tokens for impossible values', () => {
    const subscriberId = '0b7e0d9a-3f43-4c55-9a43-7d2b4bb0d1e2';
    expect(() => tokens.bounceToken({ kind: 'digest', subscriberId, editionDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => tokens.bounceToken({ kind: 'digest', subscriberId: 'not-a-uuid', editionDate: '2026-02-03' })).toThrow(RangeError);
    expect(() => tokens.bounceToken({ kind: 'confirmation', subscriberId, request: -1 })).toThrow(RangeError);
    expect(() => tokens.unsubscribeToken({ subscriberId, generation: 2 ** 32 })).toThrow(RangeError);
  });
});

describe('InboundAddresses', () => {
  it('property: return paths and unsubscribe addresses fit RFC 5321 (local part at most 64 octets) and are recognised in any case', () => {
    fc.assert(
      fc.property(deliveryRef, unsubscribeRef, fc.boolean(), (delivery, unsubscribe, upper) => {
        const returnPath = addresses.returnPath(delivery);
        const mailto = addresses.unsubscribeAddress(unsubscribe);
        for (const address of [returnPath, mailto]) {
          expect(address.slice(0, address.indexOf('@')).length).toBeLessThanOrEqual(64);
          expect(address.endsWith('@in.example.org')).toBe(true);
        }
        const fold = (s: string) => (upper ? s.toUpperCase() : s);
        expect(addresses.recognize(fold(returnPath))).toEqual({ role: 'bounce', delivery: lower(delivery) });
        expect(addresses.recognize(fold(mailto))).toEqual({ role: 'unsubscribe', unsubscribe: { ...unsubscribe, subscriberId: unsubscribe.subscriberId.toLowerCase() } });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses anything that is not its own: other domains, forged or swapped tokens, unknown local parts', () => {
    const delivery: DeliveryRef = { kind: 'digest', subscriberId: '0b7e0d9a-3f43-4c55-9a43-7d2b4bb0d1e2', editionDate: '2026-03-01' };
    const returnPath = addresses.returnPath(delivery);
    const token = returnPath.slice('bounces+'.length, returnPath.indexOf('@'));
    const refused = [
      returnPath.replace('@in.example.org', '@example.org'),
      returnPath.replace('@in.example.org', '@in.example.org.evil.test'),
      `${returnPath}.`,
      `bounces+${token[0] === 'a' ? 'b' : 'a'}${token.slice(1)}@in.example.org`,
      `unsubscribe+${token}@in.example.org`,
      'bounces@in.example.org',
      'bounces+@in.example.org',
      'someone@in.example.org',
      'unsubscribe@in.example.org',
      `bounces+${token}@in.example.org@in.example.org`,
      '',
      '@in.example.org',
    ];
    for (const address of refused) expect([address, addresses.recognize(address)]).toEqual([address, null]);
  });

  it('accepts the report mailboxes (feedback loops, postmaster) in any case, and only those', () => {
    expect(addresses.recognize('FBL@in.example.org')).toEqual({ role: 'reports', mailbox: 'fbl' });
    expect(addresses.recognize('postmaster@IN.example.org')).toEqual({ role: 'reports', mailbox: 'postmaster' });
    const custom = new InboundAddresses({ domain: 'in.example.org', secret: SECRET, reportMailboxes: ['arf'] });
    expect(custom.recognize('arf@in.example.org')).toEqual({ role: 'reports', mailbox: 'arf' });
    expect(custom.recognize('fbl@in.example.org')).toBeNull();
    expect(() => new InboundAddresses({ domain: 'in.example.org', secret: SECRET, reportMailboxes: ['bounces+x'] })).toThrow(RangeError);
    expect(() => new InboundAddresses({ domain: 'not a domain', secret: SECRET })).toThrow(RangeError);
  });

  it('finds its tokens inside text (a returned original), and ignores forged ones', () => {
    const unsubscribe = { subscriberId: '0b7e0d9a-3f43-4c55-9a43-7d2b4bb0d1e2', generation: 3 };
    const mailto = addresses.unsubscribeMailto(unsubscribe);
    expect(mailto).toMatch(/^mailto:unsubscribe\+[a-z2-7]{50}@in\.example\.org\?subject=unsubscribe$/);
    const forged = mailto.replace(/\+([a-z2-7])/, (_m, c: string) => `+${c === 'a' ? 'b' : 'a'}`);
    const header = `List-Unsubscribe: <https://paperboy.example/unsubscribe/abc>,\r\n <${forged.toUpperCase()}>, <${mailto.toUpperCase()}>`;
    expect(addresses.findUnsubscribe(header)).toEqual(unsubscribe);
    expect(addresses.findUnsubscribe(header.replace(mailto.toUpperCase(), ''))).toBeNull();
    const delivery: DeliveryRef = { kind: 'confirmation', subscriberId: unsubscribe.subscriberId, request: 9 };
    expect(addresses.findDelivery(`Original-Mail-From: <${addresses.returnPath(delivery)}>`)).toEqual(delivery);
    expect(addresses.findDelivery(`Original-Mail-From: <x${addresses.returnPath(delivery)}>`)).toBeNull();
  });
});
