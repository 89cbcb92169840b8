import type { DeliveryRef, UnsubscribeRef } from './events.js';
import { VerpTokens } from './verp-tokens.js';

export const BOUNCE_PREFIX = 'bounces+';
export const UNSUBSCRIBE_PREFIX = 'unsubscribe+';

export interface InboundAddressesOptions {
  /** INBOUND_DOMAIN: the domain whose MX is the receiver, e.g. `bounces.example.org`. */
  domain: string;
  /** TOKEN_SECRET (a key for these tokens is derived from it). */
  secret: string;
  /**
   * Plain mailboxes that take reports without a token: the address registered with feedback loops
   * (Yahoo, Microsoft JMRP, Mail.ru, Yandex send there), and postmaster (RFC 5321 asks every mail
   * domain to accept it). Reports reaching them are matched through the returned original.
   */
  reportMailboxes?: readonly string[];
}

/** An address of the receiver, recognised. */
export type RecognizedAddress =
  | { role: 'bounce'; delivery: DeliveryRef }
  | { role: 'unsubscribe'; unsubscribe: UnsubscribeRef }
  | { role: 'reports'; mailbox: string };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const MAILBOX = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const TOKEN_CHARS = '[a-z2-7]{50}';

/**
 * The receiver's own addresses: `bounces+<token>@domain` (VERP return paths),
 * `unsubscribe+<token>@domain` (the mailto List-Unsubscribe) and the report mailboxes. Matching is
 * case-insensitive throughout, since MTAs may change the case of either part.
 */
export class InboundAddresses {
  readonly domain: string;
  readonly reportMailboxes: readonly string[];
  private readonly tokens: VerpTokens;
  private readonly unsubscribePattern: RegExp;
  private readonly bouncePattern: RegExp;

  constructor(options: InboundAddressesOptions) {
    const domain = options.domain.trim().toLowerCase();
    if (!HOSTNAME.test(domain)) throw new RangeError(`INBOUND_DOMAIN: not a domain name: ${options.domain}`);
    this.domain = domain;
    this.reportMailboxes = (options.reportMailboxes ?? ['fbl', 'postmaster']).map((m) => m.toLowerCase());
    for (const mailbox of this.reportMailboxes) {
      if (!MAILBOX.test(mailbox) || mailbox.includes('+')) throw new RangeError(`not a plain mailbox name: ${mailbox}`);
    }
    this.tokens = new VerpTokens(options.secret);
    const at = `@${domain.replace(/\./g, '\\.')}(?![a-z0-9.-])`;
    this.unsubscribePattern = new RegExp(`(?<![a-z0-9.+_-])unsubscribe\\+(${TOKEN_CHARS})${at}`, 'gi');
    this.bouncePattern = new RegExp(`(?<![a-z0-9.+_-])bounces\\+(${TOKEN_CHARS})${at}`, 'gi');
  }

  /** The VERP envelope sender (MAIL FROM) of a digest or confirmation email. */
  returnPath(delivery: DeliveryRef): string {
    return `${BOUNCE_PREFIX}${this.tokens.bounceToken(delivery)}@${this.domain}`;
  }

  /** The token alone (for provider metadata headers; see `providerTrackingHeaders`). */
  deliveryToken(delivery: DeliveryRef): string {
    return this.tokens.bounceToken(delivery);
  }

  openDeliveryToken(token: unknown): DeliveryRef | null {
    return this.tokens.openBounceToken(typeof token === 'string' ? token.trim() : token);
  }

  unsubscribeAddress(ref: UnsubscribeRef): string {
    return `${UNSUBSCRIBE_PREFIX}${this.tokens.unsubscribeToken(ref)}@${this.domain}`;
  }

  /** The mailto: target for List-Unsubscribe (RFC 2369), beside the https one-click URL. */
  unsubscribeMailto(ref: UnsubscribeRef): string {
    return `mailto:${this.unsubscribeAddress(ref)}?subject=unsubscribe`;
  }

  /** What an address (RCPT TO) is to the receiver, or null if it is not one of its own. */
  recognize(address: string): RecognizedAddress | null {
    if (typeof address !== 'string' || address.length > 254) return null;
    const at = address.lastIndexOf('@');
    if (at <= 0 || address.slice(at + 1).toLowerCase() !== this.domain) return null;
    const local = address.slice(0, at).toLowerCase();
    if (local.startsWith(BOUNCE_PREFIX)) {
      const delivery = this.tokens.openBounceToken(local.slice(BOUNCE_PREFIX.length));
      return delivery ? { role: 'bounce', delivery } : null;
    }
    if (local.startsWith(UNSUBSCRIBE_PREFIX)) {
      const unsubscribe = this.tokens.openUnsubscribeToken(local.slice(UNSUBSCRIBE_PREFIX.length));
      return unsubscribe ? { role: 'unsubscribe', unsubscribe } : null;
    }
    return this.reportMailboxes.includes(local) ? { role: 'reports', mailbox: local } : null;
  }

  /** The first valid `bounces+<token>@domain` in some text (a returned original's Return-Path, ARF Original-Mail-From). */
  findDelivery(text: string): DeliveryRef | null {
    for (const match of text.matchAll(this.bouncePattern)) {
      const delivery = this.tokens.openBounceToken(match[1].toLowerCase());
      if (delivery) return delivery;
    }
    return null;
  }

  /** The first valid `unsubscribe+<token>@domain` in some text (a returned original's List-Unsubscribe). */
  findUnsubscribe(text: string): UnsubscribeRef | null {
    for (const match of text.matchAll(this.unsubscribePattern)) {
      const ref = this.tokens.openUnsubscribeToken(match[1].toLowerCase());
      if (ref) return ref;
    }
    return null;
  }
}
