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

export function qpEncodePiece(text: string): string {
  if (text === '') return '';
  let out = '';
  let line = 0;
  const put = (token: string) => {
    if (line + token.length > MAX_LINE) {
      out += '=\r\n';
      line = 0;
    }
    out += token;
    line += token.length;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 10) {
      out += '\r\n';
      line = 0;
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
  return line > 0 ? `${out}=\r\n` : out;
}

/** A body built from encoded pieces, minus the final soft break (the MIME boundary's CRLF follows). */
export function qpBody(encodedPieces: string): string {
  return encodedPieces.endsWith('=\r\n') ? encodedPieces.slice(0, -3) : encodedPieces;
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
