import { createCipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode, base32Length } from './base32.js';
import type { DeliveryRef, UnsubscribeRef } from './events.js';

/** Bounce tokens name a delivery or a confirmation; unsubscribe tokens name a subscriber. */
export type VerpPurpose = 'bounce' | 'unsubscribe';

const VERSION = 1;
const KIND = { digest: 1, confirmation: 2, unsubscribe: 3 } as const;
// Body: version and kind (one byte), subscriber uuid, one 32-bit number (edition day, request, generation).
const BODY_BYTES = 1 + 16 + 4;
// 80 bits of tag: an online forger gets one guess per SMTP command.
const TAG_BYTES = 10;
const TOKEN_BYTES = TAG_BYTES + BODY_BYTES;
/** Characters of every token: 50, so `unsubscribe+<token>` is 62 octets, under RFC 5321's 64. */
export const VERP_TOKEN_LENGTH = base32Length(TOKEN_BYTES);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const match = DATE.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date || time < 0) throw new RangeError(`not a date: ${date}`);
  return time / DAY_MS;
}

const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function checkUint32(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`${name} must be a 32-bit unsigned integer`);
  return value;
}

const uuidBytes = (uuid: string) => {
  if (!UUID.test(uuid)) throw new RangeError(`not a uuid: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
};
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * Tokens for the local parts of VERP addresses: opaque, unforgeable, short, and case-insensitive.
 *
 * A deterministic authenticated encryption (SIV: the tag is an HMAC of purpose and body, and it is
 * also the AES-CTR IV that encrypts the body), so a token costs only its 10-byte tag beyond the
 * body and every retry of a delivery uses the same return path. Nothing in it is readable, and any
 * change fails the tag (compared in constant time). Lower-case base32 with zero spare bits: one
 * spelling, whatever case an MTA gives it. Keys are derived from TOKEN_SECRET, apart from every
 * other use of it.
 */
export class VerpTokens {
  private readonly macKey: Buffer;
  private readonly encryptionKey: Buffer;

  constructor(secret: string) {
    const keys = Buffer.from(hkdfSync('sha256', secret, 'paperboy-verp', 'v1', 64));
    this.macKey = keys.subarray(0, 32);
    this.encryptionKey = keys.subarray(32);
  }

  /** The token of a return path (`bounces+<token>`): one delivery or one confirmation. */
  bounceToken(ref: DeliveryRef): string {
    const number = ref.kind === 'digest' ? dayNumber(ref.editionDate) : checkUint32(ref.request, 'request');
    return this.seal('bounce', KIND[ref.kind], ref.subscriberId, number);
  }

  /** The token of a mailto unsubscribe address (`unsubscribe+<token>`). */
  unsubscribeToken(ref: UnsubscribeRef): string {
    return this.seal('unsubscribe', KIND.unsubscribe, ref.subscriberId, checkUint32(ref.generation, 'generation'));
  }

  openBounceToken(token: unknown): DeliveryRef | null {
    const body = this.open('bounce', token);
    if (!body) return null;
    const subscriberId = bytesToUuid(body.subarray(1, 17));
    const number = body.readUInt32BE(17);
    if (body[0] === ((VERSION << 4) | KIND.digest)) return { kind: 'digest', subscriberId, editionDate: dayString(number) };
    if (body[0] === ((VERSION << 4) | KIND.confirmation)) return { kind: 'confirmation', subscriberId, request: number };
    return null;
  }

  openUnsubscribeToken(token: unknown): UnsubscribeRef | null {
    const body = this.open('unsubscribe', token);
    if (!body || body[0] !== ((VERSION << 4) | KIND.unsubscribe)) return null;
    return { subscriberId: bytesToUuid(body.subarray(1, 17)), generation: body.readUInt32BE(17) };
  }

  private tag(purpose: VerpPurpose, body: Buffer): Buffer {
    return createHmac('sha256', this.macKey).update(`paperboy-verp\0${purpose}\0`).update(body).digest().subarray(0, TAG_BYTES);
  }

  private crypt(tag: Buffer, data: Buffer): Buffer {
    const iv = Buffer.alloc(16);
    tag.copy(iv);
    const cipher = createCipheriv('aes-256-ctr', this.encryptionKey, iv);
    return Buffer.concat([cipher.update(data), cipher.final()]);
  }

  private seal(purpose: VerpPurpose, kind: number, subscriberId: string, number: number): string {
    const body = Buffer.alloc(BODY_BYTES);
    body[0] = (VERSION << 4) | kind;
    uuidBytes(subscriberId).copy(body, 1);
    body.writeUInt32BE(number, 17);
    const tag = this.tag(purpose, body);
    return base32Encode(Buffer.concat([tag, this.crypt(tag, body)]));
  }

  private open(purpose: VerpPurpose, token: unknown): Buffer | null {
    if (typeof token !== 'string') return null;
    const raw = base32Decode(token, TOKEN_BYTES);
    if (!raw) return null;
    const tag = raw.subarray(0, TAG_BYTES);
    const body = this.crypt(tag, raw.subarray(TAG_BYTES));
    return timingSafeEqual(tag, this.tag(purpose, body)) ? body : null;
  }
}
