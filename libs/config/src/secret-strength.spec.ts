import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { estimateSecretBits, MIN_SECRET_BITS, weakSecretReason } from './secret-strength.js';

describe('production secret strength', () => {
  it.each([
    ['aaaaaaaaaaaaaaaa'],
    ['abcdefghijklmnop'],
    ['1234567890123456'],
    ['changemechangeme'],
    ['mysupersecrettoken'],
    ['admin-token-2024-prod'],
    ['prod-test-token-secret-0123456789abcdef'],
    ['deadbeefdeadbeef'],
  ])('counts %j as guessable', (value) => {
    expect(estimateSecretBits(value)).toBeLessThan(MIN_SECRET_BITS);
    expect(weakSecretReason(value)).toMatch(/too easy to guess/);
  });

  it('refuses the values published in the repository, whatever their estimate', () => {
    expect(weakSecretReason('process-test-token-secret-0123456789abcdef')).toMatch(/published/);
    expect(weakSecretReason('Change-Me-Admin-Token-0000')).toMatch(/published/);
  });

  it('accepts what the README says to run, and what npm start generates', () => {
    // openssl rand -base64 32 / -hex 32, node's randomBytes(32).toString('base64url'), npm start's 18-byte admin token
    const generators = [
      (b: Buffer) => b.toString('base64'),
      (b: Buffer) => b.toString('base64url'),
      (b: Buffer) => b.toString('hex'),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 64 }), fc.integer({ min: 0, max: 2 }), (bytes, kind) => {
        const value = generators[kind](randomBytes(bytes));
        expect(weakSecretReason(value)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a long passphrase of ordinary words', () => {
    expect(weakSecretReason('correct horse battery staple')).toBeNull();
  });
});
