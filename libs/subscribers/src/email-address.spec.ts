import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseEmailAddress } from './email-address.js';

describe('parseEmailAddress', () => {
  it.each([
    ['Ada.Lovelace@Example.ORG', 'Ada.Lovelace@example.org', 'ada.lovelace@example.org'],
    ['  ada+papers@example.org ', 'ada+papers@example.org', 'ada+papers@example.org'],
    ['ada@müller.example', 'ada@xn--mller-kva.example', 'ada@xn--mller-kva.example'],
  ])('accepts %j as %j', (input, email, normalized) => {
    expect(parseEmailAddress(input)).toEqual({ ok: true, email, normalized });
  });

  it.each([
    ['', 'is required'],
    ['ada', 'must look like name@example.org'],
    ['ada@localhost', 'must have a domain with a dot'],
    ['ada@example.org\r\nBcc: victim@example.org', 'control characters'],
    ['ada smith@example.org', 'spaces'],
    ['.ada@example.org', 'not allowed before the @'],
    // Non-ASCII local parts need SMTPUTF8, which most relays lack.
    ['jürgen@bücher.de', 'not allowed before the @'],
    ['ada..b@example.org', 'not allowed before the @'],
    ['"ada"@example.org', 'not allowed before the @'],
    [`${'a'.repeat(65)}@example.org`, 'longer than 64'],
    [`ada@${'a'.repeat(64)}.org`, 'invalid domain'],
    ['ada@-example.org', 'invalid domain'],
    ['ada@127.0.0.1', 'not an IP address'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.org`, 'longer than 254'],
  ])('rejects %j saying it %s', (input, reason) => {
    const result = parseEmailAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('rejects anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['a@b.org']]) expect(parseEmailAddress(value).ok).toBe(false);
  });

  it('property: whatever it accepts is RFC-length-valid, CR/LF-free and idempotent', () => {
    const arbitraryAddress = fc.oneof(
      fc.emailAddress(),
      fc.string({ maxLength: 300 }),
      fc.tuple(fc.string({ maxLength: 80 }), fc.constantFrom('@', '@@', '\r\n@', '@"'), fc.string({ maxLength: 300 })).map((p) => p.join('')),
      fc.tuple(fc.emailAddress(), fc.constantFrom('\r\nBcc: x@y.org', '\n', ' (comment)', '"', '\u0000')).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(arbitraryAddress, (input) => {
        const result = parseEmailAddress(input);
        if (!result.ok) return;
        expect(result.email.length).toBeLessThanOrEqual(254);
        expect(result.email).not.toMatch(/[\r\n\u0000]/);
        const [local, domain] = [result.email.slice(0, result.email.lastIndexOf('@')), result.email.slice(result.email.lastIndexOf('@') + 1)];
        expect(Buffer.byteLength(local)).toBeLessThanOrEqual(64);
        expect(domain).toMatch(/^[a-z0-9.-]+$/);
        expect(parseEmailAddress(result.email)).toEqual(result);
        expect(result.normalized).toBe(result.email.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});
