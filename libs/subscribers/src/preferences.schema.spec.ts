import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseEmailAddress } from './email-address.js';
import { EMAIL_PATTERN, normalizeKeyword, preferencesSchema, subscribeSchema } from './preferences.schema.js';

const fieldsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('subscription and preference schemas', () => {
  it('refuses "paused" for a new subscription, but keeps it as a preference', () => {
    const subscribe = subscribeSchema.safeParse({ email: 'a@example.org', frequency: 'paused' });
    expect(fieldsOf(subscribe)).toEqual({ frequency: expect.stringContaining('daily or weekly') });
    expect(subscribeSchema.safeParse({ email: 'a@example.org', frequency: 'weekly' }).success).toBe(true);
    expect(preferencesSchema.safeParse({ frequency: 'paused' }).success).toBe(true);
  });

  it('says a repeated email (a list) must be given once', () => {
    expect(fieldsOf(subscribeSchema.safeParse({ email: ['a@example.org', 'a@example.org'] }))).toEqual({ email: 'must be given once' });
    expect(fieldsOf(subscribeSchema.safeParse({}))).toEqual({ email: 'is required' });
    expect(fieldsOf(subscribeSchema.safeParse({ email: 5 }))).toEqual({ email: expect.stringMatching(/^must be/) });
  });

  it.each([
    ['\u200b\u200b\u200b', 'only zero-width spaces'],
    ['\u200b \u2060\ufeff\u00ad', 'zero-width and format characters'],
    ['\u0007\u0008', 'control characters'],
    ['\u202e\u202d', 'direction overrides'],
    ['   ', 'only spaces'],
  ])('refuses a keyword %j (%s)', (keyword) => {
    const result = subscribeSchema.safeParse({ email: 'a@example.org', keywords: [keyword] });
    expect(fieldsOf(result)).toEqual({ keywords: expect.stringMatching(/empty|invisible|2 to 60/) });
  });

  it('stores keywords normalized: NFKC, invisible characters removed, whitespace collapsed, duplicates folded', () => {
    const result = subscribeSchema.parse({ email: 'a@example.org', keywords: ['ＧＲＰＯ', 're\u200bward  model', 'GRPO', 'diff\u00adusion\tpolicy', 'a\u202ebc'] });
    expect(result.keywords).toEqual(['GRPO', 'reward model', 'diffusion policy', 'abc']);
  });

  it('property: a normalized keyword is stable, trimmed, single-spaced and free of control, format and ignorable characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const k = normalizeKeyword(text);
        expect(normalizeKeyword(k)).toBe(k);
        expect(k).toBe(k.trim());
        expect(k).not.toMatch(/\s{2}|[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('EMAIL_PATTERN (what the OpenAPI document says an address looks like)', () => {
  const pattern = new RegExp(EMAIL_PATTERN, 'u');

  it('property: every address it matches is one parseEmailAddress accepts (it may be stricter, never looser)', () => {
    const chars = fc.constantFrom(...'aZ9.-_+@!#$%&\'*/=?^`{|}~"() \\[]:;,<>é中\u200b'.split(''));
    const part = fc.string({ unit: chars, minLength: 0, maxLength: 70 });
    fc.assert(
      fc.property(part, part, fc.stringMatching(/^[a-z0-9-]{0,64}$/), (local, domain, tld) => {
        const address = `${local}@${domain}.${tld}`;
        if (pattern.test(address) && address.length <= 254) expect(parseEmailAddress(address)).toMatchObject({ ok: true });
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['ada@example.org', "o'hara+tag@mail.example.co.uk", 'x@a-b.c2'])('matches %s', (address) => expect(pattern.test(address)).toBe(true));
  it.each(['a..b@example.org', '"q"@example.org', 'a@example', 'a@127.0.0.1', `${'a'.repeat(65)}@example.org`, 'a@-x.org', 'a@x.123'])('does not match %s', (address) => expect(pattern.test(address)).toBe(false));
});
