import { verify, X509Certificate, type KeyObject } from 'node:crypto';
import { asString, type JsonRecord } from './webhook-result.js';

/** Where SNS signing certificates (and subscription URLs) may come from. */
export class SnsHostAllowlist {
  /**
   * @param entries host names (`sns.eu-west-1.amazonaws.com`: https on the default port), or
   *   origins with a scheme (`http://127.0.0.1:8080`, for tests). Empty: the SNS host of the
   *   topic's own region (`sns.<region>.amazonaws.com`, `.com.cn` in China).
   */
  constructor(private readonly entries: readonly string[] = []) {
    for (const entry of entries) if (!/^(?:https?:\/\/[a-z0-9.-]+(?::\d{1,5})?|[a-z0-9.-]+)$/i.test(entry)) throw new RangeError(`SNS certificate host: not a host name or origin: ${entry}`);
  }

  allows(url: URL, topicArn: string): boolean {
    if (url.username || url.password) return false;
    const entries = this.entries.length ? this.entries : defaultSnsHosts(topicArn);
    return entries.some((entry) =>
      entry.includes('://') ? url.origin === new URL(entry).origin : url.protocol === 'https:' && url.port === '' && url.hostname === entry.toLowerCase(),
    );
  }
}

function defaultSnsHosts(topicArn: string): string[] {
  const match = /^arn:(aws|aws-cn|aws-us-gov):sns:([a-z0-9-]+):\d{12}:[\w-]{1,256}$/.exec(topicArn);
  if (!match) return [];
  return [`sns.${match[2]}.amazonaws.com${match[1] === 'aws-cn' ? '.cn' : ''}`];
}

/** The string SNS signs: the message's fields, by name, in this order, each name and value on its own line. */
export function snsStringToSign(message: JsonRecord): string | null {
  const type = asString(message.Type);
  const fields =
    type === 'Notification'
      ? ['Message', 'MessageId', ...(message.Subject !== undefined && message.Subject !== null ? ['Subject'] : []), 'Timestamp', 'TopicArn', 'Type']
      : type === 'SubscriptionConfirmation' || type === 'UnsubscribeConfirmation'
        ? ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']
        : null;
  if (!fields) return null;
  let text = '';
  for (const field of fields) {
    const value = message[field];
    if (typeof value !== 'string') return null;
    text += `${field}\n${value}\n`;
  }
  return text;
}

/** SignatureVersion 1 is RSA with SHA-1, 2 is RSA with SHA-256. */
export function snsSignatureValid(message: JsonRecord, key: KeyObject): boolean {
  const algorithm = message.SignatureVersion === '1' ? 'sha1' : message.SignatureVersion === '2' ? 'sha256' : null;
  const text = snsStringToSign(message);
  const signature = asString(message.Signature);
  if (!algorithm || text === null || !signature || !/^[A-Za-z0-9+/=]{1,2048}$/.test(signature)) return false;
  return verify(algorithm, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
}

export type CertificateFetcher = (url: URL) => Promise<string>;

const MAX_CERTIFICATE_BYTES = 64 * 1024;

/** GETs a certificate: 5 s at most, no redirects, 64 KiB at most. */
export async function fetchCertificate(url: URL): Promise<string> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5_000) });
  if (response.status !== 200 || !response.body) throw new Error(`certificate answered ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > MAX_CERTIFICATE_BYTES) throw new Error('certificate too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * SNS signing certificates' public keys, fetched once per URL and kept for a day (or until the
 * certificate expires), at most 32 URLs. Concurrent requests share one fetch; a failed fetch is
 * not kept.
 */
export class SnsCertificateCache {
  private readonly keys = new Map<string, { key: Promise<KeyObject>; until: number }>();

  constructor(
    private readonly fetcher: CertificateFetcher = fetchCertificate,
    private readonly ttlMs = 24 * 3600 * 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  key(url: URL): Promise<KeyObject> {
    const now = this.now().getTime();
    const cached = this.keys.get(url.href);
    if (cached && cached.until > now) return cached.key;
    if (this.keys.size >= 32) this.keys.delete(this.keys.keys().next().value as string);
    const entry = { key: this.load(url, now), until: now + this.ttlMs };
    this.keys.set(url.href, entry);
    entry.key.then(
      (key) => void key,
      () => this.keys.get(url.href) === entry && this.keys.delete(url.href),
    );
    return entry.key;
  }

  private async load(url: URL, now: number): Promise<KeyObject> {
    const certificate = new X509Certificate(await this.fetcher(url));
    if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) < now) throw new Error('certificate outside its validity');
    return certificate.publicKey;
  }
}
