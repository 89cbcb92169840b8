export { AppConfig } from './app-config.js';
export { ConfigError, envSchema, parseEnv, type Env } from './config.schema.js';
export { ConfigModule } from './config.module.js';
