import { domainToASCII } from 'node:url';

export type EmailResult = { ok: true; email: string; normalized: string } | { ok: false; reason: string };

// RFC 5322 "atext" for dot-atom local parts. Quoted local parts are refused on
// purpose: legal but rare, and a classic vector for header tricks.
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Validates an address as a subscriber types it and returns the form to store:
 * domain in punycode (IDN), original case kept for display, and the
 * lower-cased key that makes uniqueness case-insensitive.
 */
export function parseEmailAddress(input: unknown): EmailResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  const value = input.trim();
  if (value === '') return { ok: false, reason: 'is required' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'must not contain control characters or line breaks' };
  if (/\s/.test(value)) return { ok: false, reason: 'must not contain spaces' };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { ok: false, reason: 'must look like name@example.org' };
  const local = value.slice(0, at);
  const rawDomain = value.slice(at + 1);
  if (Buffer.byteLength(local, 'utf8') > 64) return { ok: false, reason: 'has a part before @ longer than 64 characters' };
  if (local.includes('@')) return { ok: false, reason: 'must contain exactly one @' };
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..') || !local.split('.').every((atom) => ATEXT.test(atom))) {
    return { ok: false, reason: 'has characters that are not allowed before the @' };
  }
  const domain = domainToASCII(rawDomain.replace(/\.$/, '').toLowerCase());
  if (!domain) return { ok: false, reason: 'has an invalid domain' };
  if (domain.length > 253) return { ok: false, reason: 'has a domain longer than 253 characters' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'must have a domain with a dot, like example.org' };
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, reason: 'has an invalid domain' };
  if (/^\d+$/.test(labels[labels.length - 1])) return { ok: false, reason: 'must use a domain name, not an IP address' };
  const email = `${local}@${domain}`;
  // RFC 5321: a forward path is at most 256 octets including the angle brackets.
  if (email.length > 254) return { ok: false, reason: 'is longer than 254 characters' };
  return { ok: true, email, normalized: email.toLowerCase() };
}
