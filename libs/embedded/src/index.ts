export { freePort } from './free-port.js';
export { findBinary, aptInstall, MissingDependencyError } from './find-binary.js';
export { startRedisServer, ensureRedisBinary, type RedisServerHandle } from './redis-server.js';
export { startPgliteServer, type PgliteServerHandle } from './pglite-server.js';
export { startThrowawayPostgres, type PostgresServerHandle } from './postgres-server.js';
export { startMailCatcher, type MailCatcherHandle, type MailCatcherOptions, type CaughtMessage } from './mail-catcher.js';
