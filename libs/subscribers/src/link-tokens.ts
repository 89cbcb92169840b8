import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const TOKEN_PURPOSES = ['confirm', 'manage', 'unsubscribe', 'feedback', 'view'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const PURPOSE_BYTE: Record<TokenPurpose, number> = { confirm: 1, manage: 2, unsubscribe: 3, feedback: 4, view: 5 };
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BODY_BYTES = 1 + 16 + 4; // purpose, subscriber uuid, expiry (unix seconds, 0 = never)

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: string;
  /** Undefined for links that never expire (unsubscribe, manage). */
  expiresAt?: Date;
}

const uuidToBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * Links in emails carry AES-256-GCM sealed tokens: opaque (no id or address
 * readable in the URL), unforgeable, bound to one purpose (the purpose is both
 * inside the sealed body and the associated data), optionally expiring.
 * GCM's tag check is constant-time, and any tampering fails it.
 */
export class LinkTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'paperboy-link-tokens', 'v1', 32));
  }

  issue(claims: TokenClaims): string {
    const body = Buffer.alloc(BODY_BYTES);
    body.writeUInt8(PURPOSE_BYTE[claims.purpose], 0);
    uuidToBytes(claims.subscriberId).copy(body, 1);
    body.writeUInt32BE(claims.expiresAt ? Math.ceil(claims.expiresAt.getTime() / 1000) : 0, 17);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(claims.purpose));
    const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The subscriber id, or null for anything tampered, expired, malformed or of another purpose. */
  verify(token: unknown, purpose: TokenPurpose, now: Date = new Date()): string | null {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== IV_BYTES + BODY_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(raw.subarray(IV_BYTES + BODY_BYTES));
      const body = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, IV_BYTES + BODY_BYTES)), decipher.final()]);
      if (body.readUInt8(0) !== PURPOSE_BYTE[purpose]) return null;
      const expires = body.readUInt32BE(17);
      if (expires !== 0 && expires * 1000 <= now.getTime()) return null;
      return bytesToUuid(body.subarray(1, 17));
    } catch {
      return null;
    }
  }
}
