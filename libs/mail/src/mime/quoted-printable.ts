/**
 * Quoted-printable (RFC 2045 §6.7) for pieces of a body that are encoded separately and then
 * concatenated: every encoded piece ends with a soft line break, so the next one starts at
 * column 0 and the decoded body is exactly the concatenation of the decoded pieces. A digest's
 * shared fragments are encoded once per run; only the per-reader values are encoded per message.
 *
 * Text is UTF-8. `\n` is a hard line break (CRLF); a space or tab before one is encoded (=20,
 * =09) so that transports which strip trailing white space cannot change the text. Encoded lines
 * stay within 76 characters including the soft-break "=".
 */

const MAX_LINE = 75; // plus the "=" of a soft break
const HEX = '0123456789ABCDEF';
const hex = (byte: number) => `=${HEX[byte >> 4]}${HEX[byte & 15]}`;

// Printable ASCII except "=", the space and line feeds (with no space before one): such text is
// encoded as itself, only split into lines.
const PLAIN = /^[\x20-\x3c\x3e-\x7e\n]*$/;
const SPACE_BEFORE_BREAK = / \n| $/;

/** Plain text split into encoded lines: each line of the text cut into soft-broken chunks, CRLF between lines. */
function encodePlain(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    for (let i = 0; i < line.length; i += MAX_LINE) {
      out.push(line.slice(i, i + MAX_LINE));
      if (i + MAX_LINE < line.length) out.push('=\r\n');
    }
    out.push(l < lines.length - 1 ? '\r\n' : line.length > 0 ? '=\r\n' : '');
  }
  return out.join('');
}

export function qpEncodePiece(text: string): string {
  if (text === '') return '';
  // Most per-reader values (links, reasons) are plain ASCII: slice them into lines instead of
  // building the output a character at a time (a rope of thousands of one-character strings
  // cost more to flatten later than everything else in the message).
  if (PLAIN.test(text) && !SPACE_BEFORE_BREAK.test(text)) {
    if (text.length <= MAX_LINE && !text.includes('\n')) return `${text}=\r\n`;
    return encodePlain(text);
  }
  // Lines are collected and joined once, so the result is one flat string: a cached piece that
  // stayed a rope of thousands of tokens would be walked again by every message that uses it.
  const lines: string[] = [];
  let out = '';
  const put = (token: string) => {
    if (out.length + token.length > MAX_LINE) {
      lines.push(out);
      out = '';
    }
    out += token;
  };
  const hardBreak = () => {
    lines.push(`${out}\r\n`);
    out = '';
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 10) {
      hardBreak();
      continue;
    }
    if (code >= 33 && code <= 126 && code !== 61) {
      put(text[i]);
      continue;
    }
    if (code === 32 || code === 9) {
      put(text.charCodeAt(i + 1) === 10 ? hex(code) : text[i]);
      continue;
    }
    if (code < 128) {
      put(hex(code));
      continue;
    }
    // UTF-8, one escape per byte (a soft break may fall between them: QP is about bytes).
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd; // a lone surrogate has no UTF-8 form
    if (code < 0x800) {
      put(hex(0xc0 | (code >> 6)));
      put(hex(0x80 | (code & 63)));
    } else if (code < 0x10000) {
      put(hex(0xe0 | (code >> 12)));
      put(hex(0x80 | ((code >> 6) & 63)));
      put(hex(0x80 | (code & 63)));
    } else {
      put(hex(0xf0 | (code >> 18)));
      put(hex(0x80 | ((code >> 12) & 63)));
      put(hex(0x80 | ((code >> 6) & 63)));
      put(hex(0x80 | (code & 63)));
    }
  }
  // Soft breaks between full lines; hard-broken lines already end in CRLF.
  const parts: string[] = [];
  for (const line of lines) parts.push(line.endsWith('\r\n') ? line : `${line}=\r\n`);
  if (out.length > 0) parts.push(`${out}=\r\n`);
  return parts.join('');
}

/**
 * A body built from encoded pieces, minus the final soft break (the MIME boundary's CRLF follows),
 * unless a space or tab stands before it: that would end the last line, where transports may strip it.
 */
export function qpBody(encodedPieces: string): string {
  return endsWithRemovableSoftBreak(encodedPieces) ? encodedPieces.slice(0, -3) : encodedPieces;
}

export function endsWithRemovableSoftBreak(encoded: string): boolean {
  return encoded.endsWith('=\r\n') && !/[ \t]=\r\n$/.test(encoded);
}

/** Decodes quoted-printable to UTF-8 text (for tests and previews; the hot path never decodes). */
export function qpDecode(encoded: string): string {
  const bytes: number[] = [];
  const soft = encoded.replace(/=\r\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i];
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '\r' && soft[i + 1] === '\n') {
      bytes.push(10);
      i++;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
