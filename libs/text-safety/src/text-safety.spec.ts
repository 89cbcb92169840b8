import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cleanText, MAX_HREF_LENGTH, safeHref, safeLinks, truncateAtWord } from './index.js';

// Every character cleanText must never let through.
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|[\u{E0000}-\u{E0FFF}]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Strings dense in what an attacker would use: controls, bidi overrides, zero-width characters, joiners, emoji, surrogates.
const NASTY = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u202e', '\u2066', '\u2069', '\u2028', '\ufeff', '\ud800', '\udc00', '\u{e0041}', '👍', '👨', '\u0301', 'क', '्', 'a', ' ', '\n', '\t', '.', '"', '<'];
const hostileText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

describe('cleanText', () => {
  it('removes NUL and other controls, bidi overrides and zero-width characters, and collapses whitespace', () => {
    expect(cleanText('Null\u0000 byte')).toBe('Null byte');
    expect(cleanText('\u202Egnp.exe')).toBe('gnp.exe');
    expect(cleanText('pay\u200Bpal and pay\u200Dpal and pay\u00ADpal')).toBe('paypal and paypal and paypal');
    expect(cleanText('  Title\non\ttwo\u00a0lines\u2028 ')).toBe('Title on two lines');
    expect(cleanText('\u200B\u200B\u200B')).toBe('');
    expect(cleanText('hidden\u{E0049}\u{E0047}\u{E004E} tag text')).toBe('hidden tag text');
    expect(cleanText('bell\u0007 escape\u001b[31m and C1 \u0085')).toBe('bell escape[31m and C1');
  });

  it('keeps what shapes visible text: emoji sequences, Indic conjuncts, accents, variation selectors', () => {
    for (const text of ['👨\u200D👩\u200D👧 family', 'क्\u200Dष', '\u0645\u200C\u06CC', 'é and e\u0301', '☺\uFE0F']) expect(cleanText(text)).toBe(text);
  });

  it('turns lone surrogates into U+FFFD and leaves no controls or invisible characters whatever the input', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = cleanText(text);
        expect(clean).not.toMatch(FORBIDDEN);
        expect(clean).not.toMatch(LONE_SURROGATE);
        expect(clean).toBe(clean.trim());
        expect(clean).not.toMatch(/\s\s|[^\S ]/);
        expect(cleanText(clean)).toBe(clean);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns an empty string for anything that is not a string', () => {
    for (const value of [null, undefined, 5, {}, ['a']]) expect(cleanText(value)).toBe('');
  });
});

describe('safeHref', () => {
  it('keeps absolute http(s) URLs, normalised', () => {
    expect(safeHref('https://arxiv.org/abs/2611.01234')).toBe('https://arxiv.org/abs/2611.01234');
    expect(safeHref(' HTTPS://Example.org/a b ')).toBe('https://example.org/a%20b');
    expect(safeHref('https://example.org/a\u202Eb\u200Bc')).toBe('https://example.org/a%E2%80%AEb%E2%80%8Bc');
    expect(safeHref('https://пример.рф/')).toBe('https://xn--e1afmkfd.xn--p1ai/');
  });

  it('drops scripts, data, credentials, relative, malformed and oversized links', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      '\u0000javascript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'mailto:a@b.c',
      '/relative/path',
      '//evil.example/x',
      'https:evil.example',
      'https:\\\\evil.example',
      'https://',
      'http://exa mple.org',
      'https://exa\u202Emple.org/',
      'https://user:pass@example.org/',
      'https://user@example.org/',
      'https://paperboy.example@evil.example/',
      `https://example.org/${'a'.repeat(MAX_HREF_LENGTH)}`,
      '',
      'not a url',
      undefined,
      null,
      42,
      { href: 'https://example.org/' },
    ]) {
      expect(safeHref(bad)).toBeUndefined();
    }
  });

  it('only ever returns an http(s) URL without credentials, controls, spaces, double quotes or angle brackets', () => {
    const candidates = fc.oneof(hostileText, fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.tuple(fc.constantFrom('https://', 'http://', 'javascript:', 'data:', 'https://u:p@'), hostileText).map(([a, b]) => a + b));
    fc.assert(
      fc.property(candidates, (url) => {
        const href = safeHref(url);
        if (href === undefined) return;
        expect(href).toMatch(/^https?:\/\/[^/@\s]+(\/|$)/);
        expect(href).not.toMatch(/[\u0000-\u0020\u007F-\u009F"<>\\]/);
        expect(href.length).toBeLessThanOrEqual(MAX_HREF_LENGTH);
        expect(safeHref(href)).toBe(href);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('safeLinks', () => {
  it('keeps the named links that are safe and nothing else', () => {
    const links = { arxiv: 'https://arxiv.org/abs/2611.01234', code: 'javascript:alert(1)', pdf: 'https://u:p@arxiv.org/pdf/1', other: 'https://x.example/' };
    expect(safeLinks(links, ['arxiv', 'code', 'pdf'] as const)).toEqual({ arxiv: 'https://arxiv.org/abs/2611.01234' });
    expect(safeLinks(JSON.parse('{"__proto__": "https://x.example/", "arxiv": 5}'), ['arxiv'])).toEqual({});
    expect(safeLinks(null, ['arxiv'])).toEqual({});
  });
});

describe('truncateAtWord', () => {
  it('returns short text as is and cuts long text at a word with an ellipsis', () => {
    expect(truncateAtWord('short summary', 280)).toBe('short summary');
    const long = 'alpha beta gamma delta '.repeat(30).trim();
    const cut = truncateAtWord(long, 280);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeGreaterThan(200);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(long.charAt(cut.length - 1)).toBe(' ');
  });

  it('cuts text without a space at the limit', () => {
    expect(truncateAtWord('x'.repeat(5000), 320)).toBe(`${'x'.repeat(320)}…`);
    expect(truncateAtWord('很'.repeat(5000), 320)).toHaveLength(321);
  });

  it('never splits a surrogate pair or an emoji sequence', () => {
    expect(truncateAtWord(`${'x'.repeat(9)}👍👍`, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(truncateAtWord(`${'x'.repeat(8)}👨\u200D👩 tail`, 11)).toBe(`${'x'.repeat(8)}…`);
    expect(truncateAtWord(`${'x'.repeat(9)}e\u0301\u0301x`, 11)).toBe(`${'x'.repeat(9)}…`);
  });

  it('stays within max + 1 units and leaves no lone surrogate, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...NASTY, 'word'), maxLength: 200 }), fc.integer({ min: 1, max: 150 }), (raw, max) => {
        const text = cleanText(raw);
        const cut = truncateAtWord(text, max);
        expect(cut.length).toBeLessThanOrEqual(max + 1);
        expect(cut).not.toMatch(LONE_SURROGATE);
        if (text.length <= max) expect(cut).toBe(text);
        else expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fast paths give exactly what the full rules give', () => {
  const slowHref = (url: string) => {
    // The full rule: what safeHref answered before its shortcut (parse, check, serialize).
    const candidate = url.trim();
    if (!/^https?:\/\//i.test(candidate)) return undefined;
    try {
      const parsed = new URL(candidate);
      return parsed.username === '' && parsed.password === '' ? parsed.href : undefined;
    } catch {
      return undefined;
    }
  };

  it('safeHref: an href taken as it is equals what the URL parser serializes', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const tld = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const host = fc.tuple(fc.array(label, { maxLength: 3 }), tld).map(([labels, last]) => [...labels, last].join('.'));
    const segment = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_~.-]{0,15}$/), fc.constantFrom('.', '..', ''));
    const path = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`);
    const port = fc.option(fc.oneof(fc.integer({ min: 1, max: 70000 }), fc.constantFrom(80, 443)), { nil: undefined });
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), host, port, path, (scheme, h, p, pth) => {
        const url = `${scheme}://${h}${p === undefined ? '' : `:${p}`}${pth}`;
        const fast = safeHref(url);
        const slow = slowHref(url);
        if (fast !== undefined && slow !== undefined) expect(fast).toBe(slow);
        else expect({ url, fast: fast === undefined }).toEqual({ url, fast: slow === undefined || slow.length > MAX_HREF_LENGTH || !/^[a-z0-9.:[\]_-]+$/.test(new URL(url).hostname) });
      }),
      { numRuns: 3000 },
    );
  });

  it('cleanText: text taken as it is is text the full rules leave unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '  ', "'", '"', ';', '\t', '\n', '\u00a0', '\u202e', 'é', '~') , maxLength: 40 }), (text) => {
        expect(cleanText(cleanText(text))).toBe(cleanText(text));
        if (/^(?:[!-~]+(?: [!-~]+)*)?$/.test(text)) expect(cleanText(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
