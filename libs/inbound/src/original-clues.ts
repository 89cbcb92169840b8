import type { DeliveryRef, UnsubscribeRef } from './events.js';
import { fieldValue, fieldValues, headerFields, messageIdValue, type Field } from './field-blocks.js';
import type { InboundAddresses } from './inbound-addresses.js';

/** What a returned or reported original message says about whom it was sent to. */
export interface OriginalClues {
  /** From a `bounces+<token>` in the original's Return-Path (delivered copies carry it), verified. */
  delivery?: DeliveryRef;
  /** From an `unsubscribe+<token>` in its List-Unsubscribe, verified. */
  unsubscribe?: UnsubscribeRef;
  /** The token of its https List-Unsubscribe link (`…/unsubscribe/<token>`), unverified. */
  unsubscribeLinkToken?: string;
  messageId?: string;
  /** Its To address, as written (feedback loops often redact it). */
  to?: string;
}

const MAX_HEADER_TEXT = 65_536;
const LINK_TOKEN = /^https?:\/\/[^/\s>]+(?:\/[^\s>]*)?\/unsubscribe\/([A-Za-z0-9_-]{16,200})(?:[?#][^\s>]*)?$/;

/** Clues from the header block of an original (a message/rfc822 or text/rfc822-headers part). */
export function cluesFromHeaders(headerText: string, addresses: InboundAddresses): OriginalClues {
  return cluesFromFields(headerFields(headerText.slice(0, MAX_HEADER_TEXT)), addresses);
}

/** Clues from an original's header fields (names in lower case), however they were delivered. */
export function cluesFromFields(fields: readonly Field[], addresses: InboundAddresses): OriginalClues {
  const listUnsubscribe = fieldValues(fields, 'list-unsubscribe').join(', ');
  const targets = [...listUnsubscribe.matchAll(/<([^<>]{1,2000})>/g)].map((m) => m[1].trim());
  const linkToken = targets.map((t) => LINK_TOKEN.exec(t)?.[1]).find(Boolean);
  const returnPath = [...fieldValues(fields, 'return-path'), ...fieldValues(fields, 'x-original-return-path')].join(' ');
  const to = /([^<>\s,;"]+@[^<>\s,;"]+)/.exec(fieldValue(fields, 'to') ?? '')?.[1];
  return compact({
    delivery: returnPath ? (addresses.findDelivery(returnPath) ?? undefined) : undefined,
    unsubscribe: listUnsubscribe ? (addresses.findUnsubscribe(listUnsubscribe) ?? undefined) : undefined,
    unsubscribeLinkToken: linkToken,
    messageId: messageIdValue(fieldValue(fields, 'message-id')),
    to,
  });
}

/**
 * Clues from prose, for bounces that paste the original into their text: a `Message-ID:` line and
 * our own tokens anywhere (a valid token cannot be forged, so wherever it stands it is ours).
 */
export function cluesFromText(text: string, addresses: InboundAddresses): OriginalClues {
  const head = text.slice(0, 262_144);
  const messageId = /^[ \t>]*message-id:[ \t]*<([^<>\s]{1,995})>/im.exec(head)?.[1];
  return compact({
    unsubscribe: addresses.findUnsubscribe(head) ?? undefined,
    messageId,
  });
}

/** The first clues win, field by field. */
export function mergeClues(...all: OriginalClues[]): OriginalClues {
  const merged: OriginalClues = {};
  for (const clues of all) {
    for (const key of Object.keys(clues) as (keyof OriginalClues)[]) {
      if (merged[key] === undefined) Object.assign(merged, { [key]: clues[key] });
    }
  }
  return merged;
}

function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
