import { ConfigError, type Env } from './config.schema.js';
import { weakSecretReason } from './secret-strength.js';

/** A host only this machine reaches: a local try-out, where http is fine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * With NODE_ENV=production, refuse what would be unsafe on the internet:
 * secrets anyone can guess (admin access, forged links) and an http PUBLIC_URL
 * (RFC 8058 one-click unsubscribe needs https). Throws the first problem found.
 */
export function assertProductionReady(env: Env, publicUrl: string): void {
  for (const variable of ['ADMIN_TOKEN', 'TOKEN_SECRET'] as const) {
    const reason = weakSecretReason(env[variable]);
    if (reason) throw new ConfigError(variable, reason);
  }
  if (env.ADMIN_TOKEN === env.TOKEN_SECRET) throw new ConfigError('TOKEN_SECRET', 'must differ from ADMIN_TOKEN');
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError('PUBLIC_URL', 'must start with https:// in production (one-click unsubscribe needs https); http is allowed only for localhost');
  }
}
