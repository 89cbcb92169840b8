import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const TOKEN_PURPOSES = ['confirm', 'manage', 'unsubscribe', 'feedback', 'view'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const PURPOSE_BYTE: Record<TokenPurpose, number> = { confirm: 1, manage: 2, unsubscribe: 3, feedback: 4, view: 5 };
const IV_BYTES = 12;
const TAG_BYTES = 16;
// v2 body: purpose, subscriber uuid, expiry (unix seconds, 0 = never), generation.
const BODY_BYTES = 1 + 16 + 4 + 4;
const TOKEN_BYTES = IV_BYTES + BODY_BYTES + TAG_BYTES;
// v1 (before generations): the same without the generation. Links already in inboxes keep working as generation 0.
const V1_BODY_BYTES = 1 + 16 + 4;
const V1_TOKEN_BYTES = IV_BYTES + V1_BODY_BYTES + TAG_BYTES;

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: string;
  /** Undefined for links that never expire (unsubscribe, manage). */
  expiresAt?: Date;
  /**
   * Confirm links: the number of the confirmation request they confirm.
   * Other links: the subscriber's link generation when they were issued;
   * raising it signs every older link out. 0 when omitted.
   */
  generation?: number;
  /**
   * Feedback links: the paper the link votes on. Bound as associated data, so
   * it adds nothing to the token's length and the verifier must name the same paper.
   */
  paperId?: string;
}

export interface VerifiedToken {
  subscriberId: string;
  generation: number;
  /** Feedback tokens: whether the token was bound to the paper it was verified for (older tokens were not). */
  paperBound: boolean;
}

const uuidToBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

// Random IVs drawn from a pool: one CSPRNG call per 256 tokens instead of one each (it was a third of a token's cost).
const IV_POOL_BYTES = IV_BYTES * 256;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
}

const associatedData = (purpose: TokenPurpose, paperId: string | undefined) => Buffer.from(paperId === undefined ? purpose : `${purpose}\n${paperId}`);

/**
 * Links in emails carry AES-256-GCM sealed tokens: opaque (no id or address
 * readable in the URL), unforgeable, bound to one purpose (the purpose is both
 * inside the sealed body and the associated data), optionally expiring.
 * GCM's tag check is constant-time, and any tampering fails it. Each token
 * has exactly one spelling: base64url's spare bits in the last character
 * must be zero, so a token cannot be re-spelt to dodge a "used" check or a
 * cache key.
 */
export class LinkTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'paperboy-link-tokens', 'v1', 32));
  }

  issue(claims: TokenClaims): string {
    const generation = claims.generation ?? 0;
    if (!Number.isInteger(generation) || generation < 0 || generation > 0xffffffff) throw new RangeError('generation must be a 32-bit unsigned integer');
    const body = Buffer.alloc(BODY_BYTES);
    body.writeUInt8(PURPOSE_BYTE[claims.purpose], 0);
    uuidToBytes(claims.subscriberId).copy(body, 1);
    body.writeUInt32BE(claims.expiresAt ? Math.ceil(claims.expiresAt.getTime() / 1000) : 0, 17);
    body.writeUInt32BE(generation, 21);
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(claims.purpose, claims.paperId));
    const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The subscriber id, or null for anything tampered, expired, malformed or of another purpose. */
  verify(token: unknown, purpose: TokenPurpose, now: Date = new Date()): string | null {
    return this.open(token, purpose, { now })?.subscriberId ?? null;
  }

  /**
   * The claims of a valid token, or null. For feedback tokens, `paperId` is
   * the paper the request votes on: a token bound to another paper is
   * refused; an unbound one (issued before binding, or by `feedbackBase`)
   * opens with `paperBound: false`, and the caller decides.
   */
  open(token: unknown, purpose: TokenPurpose, options: { paperId?: string; now?: Date } = {}): VerifiedToken | null {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    // One spelling per token: decoding ignores the spare bits of the last character, re-encoding does not.
    if (raw.toString('base64url') !== token) return null;
    if (raw.length !== TOKEN_BYTES && raw.length !== V1_TOKEN_BYTES) return null;
    const bodyBytes = raw.length - IV_BYTES - TAG_BYTES;
    // Confirm tokens from before generations confirmed whatever was pending; they are refused (they expired within 48 hours anyway).
    if (bodyBytes === V1_BODY_BYTES && purpose === 'confirm') return null;
    const bound = purpose === 'feedback' && options.paperId !== undefined ? this.unseal(raw, bodyBytes, associatedData(purpose, options.paperId)) : null;
    const body = bound ?? this.unseal(raw, bodyBytes, associatedData(purpose, undefined));
    if (!body || body.readUInt8(0) !== PURPOSE_BYTE[purpose]) return null;
    const expires = body.readUInt32BE(17);
    if (expires !== 0 && expires * 1000 <= (options.now ?? new Date()).getTime()) return null;
    return {
      subscriberId: bytesToUuid(body.subarray(1, 17)),
      generation: bodyBytes === BODY_BYTES ? body.readUInt32BE(21) : 0,
      paperBound: bound !== null,
    };
  }

  private unseal(raw: Buffer, bodyBytes: number, aad: Buffer): Buffer | null {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(aad);
      decipher.setAuthTag(raw.subarray(IV_BYTES + bodyBytes));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, IV_BYTES + bodyBytes)), decipher.final()]);
    } catch {
      return null;
    }
  }
}
