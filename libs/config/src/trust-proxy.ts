import { isIP } from 'node:net';

/** Express's `trust proxy`: off, a number of proxy hops, or the proxies' addresses and subnets. */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export const TRUST_PROXY_HINT = 'must be false, a number of proxy hops such as 1, or proxy addresses and subnets such as "loopback, 10.0.0.0/8"';

/**
 * Parses TRUST_PROXY. `true` (trust every hop) is refused: with it any client
 * picks its own address through X-Forwarded-For, which is what this guards against.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const trimmed = value.trim().toLowerCase();
  if (['false', 'no', 'off', '0'].includes(trimmed)) return false;
  if (/^\d{1,2}$/.test(trimmed)) return Number(trimmed);
  const entries = trimmed.split(',').map((e) => e.trim());
  if (entries.length === 0 || !entries.every(isAddressOrSubnet)) return null;
  return entries;
}
