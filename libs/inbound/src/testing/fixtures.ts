// Test helper: loads the sample reports of libs/inbound/fixtures. Their VERP and unsubscribe tokens
// depend on the secret, so the files carry placeholders that name what the token stands for:
//   {{digest <subscriber uuid> <edition date>}}    a return path token (bounces+…)
//   {{confirmation <subscriber uuid> <request>}}   a confirmation email's return path token
//   {{unsubscribe <subscriber uuid> <generation>}} a mailto unsubscribe token (unsubscribe+…)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InboundAddresses } from '../inbound-addresses.js';
import { VerpTokens } from '../verp-tokens.js';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const FIXTURE_DOMAIN = 'inbound.paperboy.example';
export const FIXTURE_SECRET = 'fixture-token-secret-not-for-production-0001';
export const fixtureAddresses = new InboundAddresses({ domain: FIXTURE_DOMAIN, secret: FIXTURE_SECRET });
const tokens = new VerpTokens(FIXTURE_SECRET);

/** The subscriber id the fixtures use for sample number `n`. */
export const fixtureSubscriber = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function fillTokens(text: string): string {
  return text.replace(/\{\{(digest|confirmation|unsubscribe) ([0-9a-f-]{36}) ([0-9-]+)\}\}/g, (_m, kind: string, subscriberId: string, value: string) => {
    if (kind === 'digest') return tokens.bounceToken({ kind: 'digest', subscriberId, editionDate: value });
    if (kind === 'confirmation') return tokens.bounceToken({ kind: 'confirmation', subscriberId, request: Number(value) });
    return tokens.unsubscribeToken({ subscriberId, generation: Number(value) });
  });
}

export const fixtureNames = () => readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.eml')).sort();

/** A fixture as bytes, tokens filled in, lines ending in CRLF as on the wire. */
export function loadFixture(name: string): Buffer {
  const latin1 = readFileSync(path.join(FIXTURE_DIR, name)).toString('latin1');
  return Buffer.from(fillTokens(latin1).replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** Its envelope: MAIL FROM from the top Return-Path (`<>` and `<MAILER-DAEMON>` are the null sender), RCPT TO from To. */
export function fixtureEnvelope(message: Buffer): { from: string; to: string } {
  const head = message.toString('latin1').split(/\r\n\r\n/)[0].replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const returnPath = /<([^>]*)>/.exec(header('Return-Path'))?.[1];
  const address = (value: string) => /<([^<>\s]+@[^<>\s]+)>/.exec(value)?.[1] ?? /([^<>\s,"]+@[^<>\s,"]+)/.exec(value)?.[1] ?? '';
  const from = returnPath === undefined ? address(header('From')) : /^mailer-daemon$/i.test(returnPath) ? '' : returnPath;
  return { from, to: address(header('To')) };
}
