import type { PerReaderField, PerReaderFields, ViewOf } from './digest-view.js';
import { Piece, type Sink } from './render-pieces.js';

/*
 * The cached renderer's contract with React. It renders markup once per run with a token in place of each per-reader
 * value, cuts it at the tokens, and per reader writes the escaped values between the cuts. That gives exactly what
 * React would have written only if (1) React's escaping is all that happens to a value, which holds for a whole text
 * child and a whole attribute value, and (2) the markup around a value does not depend on the value: React puts
 * `<!-- -->` between adjacent text nodes and writes nothing for an empty one, so a value must be the only text node
 * of its element. Both are checked below, on every template, when it is compiled (once per run); the values are
 * escaped by `SlotLayout.values`, for every field of the list, so none reaches the markup as HTML.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/**
 * Byte-for-byte what React 19's escapeTextForBrowser emits for text children and attribute values
 * (checked against renderToStaticMarkup and the react-email stream output; the spec pins it).
 */
export function escapeHtml(value: string): string {
  return /["'&<>]/.test(value) ? value.replace(/["'&<>]/g, (ch) => ESCAPES[ch]) : value;
}

/** A per-reader value (`text`, `href`), or a place for markup the renderer writes itself (`markup`: the paper list). */
export type SlotKind = PerReaderField['kind'] | 'markup';

// Attribute values hold no raw < or > (React escapes them), so these find the element a text slot stands in.
const OPENED_BEFORE = /<([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?>[^<>]*$/;
const CLOSED_AFTER = /^[^<>]*<\/([a-zA-Z][a-zA-Z0-9]*)>/;
const HREF_BEFORE = /\shref="$/;

/** Why a slot between `before` and `after` breaks the contract above, or undefined when it does not. */
export function slotPlacementError(before: string, after: string, kind: SlotKind): string | undefined {
  const context = `…${before.slice(-40)}[slot]${after.slice(0, 40)}…`;
  if (kind === 'href') return HREF_BEFORE.test(before) && after.startsWith('"') ? undefined : `an href value must be the whole href attribute: ${context}`;
  if (kind === 'text') {
    const opened = OPENED_BEFORE.exec(before)?.[1];
    const closed = CLOSED_AFTER.exec(after)?.[1];
    return opened !== undefined && opened === closed ? undefined : `a text value must be the only child of its element: ${context}`;
  }
  return undefined;
}

/**
 * React output with per-reader values cut out: `parts[0] + v[slots[0]] + parts[1] + … + parts[n]`.
 * Values are substituted already escaped; `body` (when given) is written where its slot is.
 */
export class SlotTemplate {
  readonly parts: readonly Piece[];

  constructor(
    parts: readonly string[],
    private readonly slots: readonly number[],
  ) {
    this.parts = parts.map((part) => new Piece(part));
  }

  /**
   * Cuts `html` at the matches of `tokens` (whose first group is the slot number). Every slot of `expected` must
   * appear exactly once, nothing else, and each where its kind may stand.
   */
  static compile(html: string, tokens: RegExp, expected: ReadonlyMap<number, SlotKind>): SlotTemplate {
    const parts: string[] = [];
    const slots: number[] = [];
    let last = 0;
    for (const match of html.matchAll(tokens)) {
      parts.push(html.slice(last, match.index));
      slots.push(Number(match[1]));
      last = match.index + match[0].length;
    }
    parts.push(html.slice(last));
    const found = [...slots].sort((a, b) => a - b).join(',');
    const wanted = [...expected.keys()].sort((a, b) => a - b).join(',');
    if (found !== wanted) throw new Error(`Template slots ${found} do not match the expected ${wanted}`);
    slots.forEach((slot, i) => {
      const error = slotPlacementError(parts[i], parts[i + 1], expected.get(slot)!);
      if (error !== undefined) throw new Error(`Template slot ${slot}: ${error}`);
    });
    return new SlotTemplate(parts, slots);
  }

  emit(sink: Sink, values: readonly string[], body?: { slot: number; write: () => void }): void {
    sink.fixed(this.parts[0]);
    for (let i = 0; i < this.slots.length; i++) {
      if (body !== undefined && this.slots[i] === body.slot) body.write();
      else sink.value(values[this.slots[i]]);
      sink.fixed(this.parts[i + 1]);
    }
  }
}

type AnyView = Readonly<Record<string, string | undefined>>;

/**
 * What the cached renderer needs to know about a list of per-reader fields, derived from the list: slot `i` is field
 * `i`; an optional field that is absent drops markup around it, so each combination of optional fields present is a
 * variant with its own template (bit `b` of the variant = the `b`-th optional field is present).
 */
export class SlotLayout<F extends PerReaderFields> {
  readonly names: readonly string[];
  readonly variants: number;
  private readonly kinds: readonly PerReaderField['kind'][];
  /** Per slot, its variant bit; 0 for a required field. */
  private readonly bits: readonly number[];

  constructor(fields: F) {
    this.names = Object.keys(fields);
    this.kinds = this.names.map((name) => fields[name].kind);
    let optional = 0;
    this.bits = this.names.map((name) => (fields[name].optional ? 1 << optional++ : 0));
    this.variants = 2 ** optional;
  }

  /**
   * Reads a view in one pass (it runs per reader and per paper): every field's value escaped as React escapes it, in
   * slot order ('' for an absent field, whose variant has no slot for it), and the variant the present fields make.
   */
  read(view: ViewOf<F>): { variant: number; values: string[] } {
    const v = view as AnyView;
    const values: string[] = [];
    let variant = 0;
    for (let slot = 0; slot < this.names.length; slot++) {
      const value = v[this.names[slot]];
      if (value === undefined) values.push('');
      else {
        values.push(escapeHtml(value));
        variant |= this.bits[slot];
      }
    }
    return { variant, values };
  }

  /** The view of `variant` with `token(slot, kind)` as the value of each field present. */
  tokenView(variant: number, token: (slot: number, kind: PerReaderField['kind']) => string): ViewOf<F> {
    const view: Record<string, string | undefined> = {};
    this.names.forEach((name, slot) => {
      view[name] = this.present(slot, variant) ? token(slot, this.kinds[slot]) : undefined;
    });
    return view as ViewOf<F>;
  }

  /** The slots the markup of `variant` holds, with their kinds. */
  slotsOf(variant: number): Map<number, SlotKind> {
    const slots = new Map<number, SlotKind>();
    this.names.forEach((_, slot) => {
      if (this.present(slot, variant)) slots.set(slot, this.kinds[slot]);
    });
    return slots;
  }

  private present(slot: number, variant: number): boolean {
    return this.bits[slot] === 0 || (variant & this.bits[slot]) !== 0;
  }
}
