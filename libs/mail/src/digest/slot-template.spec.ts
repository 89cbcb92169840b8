import { describe, expect, it } from '@jest/globals';
import { READER_FIELDS, SHELL_FIELDS } from './digest-view.js';
import { SlotLayout, slotPlacementError, SlotTemplate } from './slot-template.js';

const T = '@n@0@';
const place = (html: string, kind: 'text' | 'href') => {
  const at = html.indexOf(T);
  return slotPlacementError(html.slice(0, at), html.slice(at + T.length), kind);
};

describe('slotPlacementError: a per-reader value must stand where escaping is the whole story', () => {
  it('accepts a text value that is the only child of its element, with fixed words in the same string', () => {
    expect(place(`<h1 class="x" style="margin:0">${T}</h1>`, 'text')).toBeUndefined();
    expect(place(`<p style="a:b">Why: ${T}</p>`, 'text')).toBeUndefined();
    expect(place(`<span>${T}</span><br/>`, 'text')).toBeUndefined();
  });

  it('refuses a text value next to another text node, another element, or in an attribute', () => {
    // React separates adjacent text nodes with <!-- -->, and writes nothing for an empty one: the markup around the
    // value would depend on the value.
    expect(place(`<p>Why: <!-- -->${T}</p>`, 'text')).toMatch(/only child/);
    expect(place(`<p>${T}<!-- -->.</p>`, 'text')).toMatch(/only child/);
    expect(place(`<p><a href="x">a</a>${T}</p>`, 'text')).toMatch(/only child/);
    expect(place(`<p>${T}<b>x</b></p>`, 'text')).toMatch(/only child/);
    expect(place(`<p><b>${T}</p>`, 'text')).toMatch(/only child/);
    expect(place(`<p title="${T}">x</p>`, 'text')).toMatch(/only child/);
  });

  it('accepts an href value only as the whole value of an href attribute', () => {
    expect(place(`<a href="${T}" class="pb-muted">x</a>`, 'href')).toBeUndefined();
    expect(place(`<a href="https://x.org/?u=${T}">x</a>`, 'href')).toMatch(/whole href/);
    expect(place(`<a title="${T}">x</a>`, 'href')).toMatch(/whole href/);
    expect(place(`<p>${T}</p>`, 'href')).toMatch(/whole href/);
  });
});

describe('SlotTemplate.compile', () => {
  const tokens = /@n@(\d+)@/g;

  it('cuts rendered markup at its slots', () => {
    const template = SlotTemplate.compile('<p>@n@0@</p><a href="@n@1@">x</a>', tokens, new Map([[0, 'text'], [1, 'href']]));
    expect(template.parts.map((p) => p.raw)).toEqual(['<p>', '</p><a href="', '">x</a>']);
  });

  it('refuses markup where a slot is missing, repeated, or not where its kind may stand', () => {
    expect(() => SlotTemplate.compile('<p>@n@0@</p>', tokens, new Map([[0, 'text'], [1, 'href']]))).toThrow(/do not match/);
    expect(() => SlotTemplate.compile('<p>@n@0@</p><p>@n@0@</p>', tokens, new Map([[0, 'text']]))).toThrow(/do not match/);
    expect(() => SlotTemplate.compile('<p>Why: <!-- -->@n@0@</p>', tokens, new Map([[0, 'text']]))).toThrow(/slot 0: a text value must be the only child/);
    expect(() => SlotTemplate.compile('<a href="/x?@n@0@">x</a>', tokens, new Map([[0, 'href']]))).toThrow(/slot 0: an href value must be the whole href/);
  });
});

describe('SlotLayout: slots, variants and escaping derived from a field list', () => {
  const shell = new SlotLayout(SHELL_FIELDS);
  const reader = new SlotLayout(READER_FIELDS);

  it('has one slot per field, in list order, and a variant per combination of optional fields', () => {
    expect(shell.names).toEqual(Object.keys(SHELL_FIELDS));
    expect(shell.variants).toBe(2 ** 3);
    expect(reader.names).toEqual(['why', 'upHref', 'downHref']);
    expect(reader.variants).toBe(2 ** 3);
  });

  it('builds token views whose present fields are exactly the variant, and slots that match them', () => {
    for (let variant = 0; variant < reader.variants; variant++) {
      const view = reader.tokenView(variant, (slot, kind) => `${kind}:${slot}`);
      expect(reader.read(view).variant).toBe(variant);
      const present = Object.entries(view).filter(([, v]) => v !== undefined);
      const kindOf = (name: string) => READER_FIELDS[name as keyof typeof READER_FIELDS].kind;
      expect([...reader.slotsOf(variant)]).toEqual(present.map(([name]) => [reader.names.indexOf(name), kindOf(name)]));
      for (const [name, value] of present) expect(value).toBe(`${kindOf(name)}:${reader.names.indexOf(name)}`);
    }
  });

  it('escapes every value, in slot order, and leaves absent ones empty', () => {
    expect(reader.read({ why: `<b>"Tom" & 'Jerry'</b>`, upHref: 'https://x.org/?a=1&b=2', downHref: undefined }).values).toEqual(['&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;', 'https://x.org/?a=1&amp;b=2', '']);
  });
});
