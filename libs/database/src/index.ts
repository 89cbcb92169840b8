export * from './entities/index.js';
export { MIGRATIONS } from './migrations/index.js';
export { dataSourceOptions, type DatabaseConnectionSettings } from './data-source-options.js';
export { runMigrationsLocked, MIGRATION_LOCK_KEY } from './run-migrations.js';
export { schemaDiff, type SchemaDiff } from './schema-drift.js';
export { DatabaseModule } from './database.module.js';
export { loadInterestsOf, loadSubscriberInterests, replaceSubscriberInterests, type SubscriberInterests } from './queries/subscriber-interests.js';
export { suppressAfterHardBounce } from './queries/suppress-address.js';
export { GroupCommit } from './queries/group-commit.js';
export { preparedQuery } from './queries/prepared-query.js';
export { updateReturning } from './queries/update-returning.js';
export { sqlOf, type Sql } from './repositories/sql.js';
export {
  DeliveryRepository,
  finishedDeliveries,
  unfinishedDeliveries,
  READER_HISTORY_EDITIONS,
  type ClaimedBatch,
  type DeliveryCounts,
  type FinalOutcome,
  type QueuedDelivery,
  type SmtpStart,
  type StaleDeliveries,
  type StartRefusal,
} from './repositories/delivery.repository.js';
export {
  ReaderSnapshots,
  AFTER_EVERY_EDITION,
  historyBefore,
  type ReaderSnapshot,
  type ReaderProfile,
  type ReaderInterestsAndHistory,
} from './repositories/reader-snapshots.js';
