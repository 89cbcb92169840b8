export { AppConfig } from './app-config.js';
export { ConfigError, envSchema, parseEnv, type Env } from './config.schema.js';
export { ConfigModule } from './config.module.js';
export { estimateSecretBits, weakSecretReason, MIN_SECRET_BITS } from './secret-strength.js';
export { isLoopbackHost } from './production-checks.js';
export { parseTrustProxy, type TrustProxy } from './trust-proxy.js';
