export * from './entities/index.js';
export { MIGRATIONS } from './migrations/index.js';
export { dataSourceOptions, type DatabaseConnectionSettings } from './data-source-options.js';
export { runMigrationsLocked, MIGRATION_LOCK_KEY } from './run-migrations.js';
export { schemaDiff, type SchemaDiff } from './schema-drift.js';
export { DatabaseModule } from './database.module.js';
export { loadInterestsOf, loadSubscriberInterests, replaceSubscriberInterests, type SubscriberInterests } from './queries/subscriber-interests.js';
export {
  loadReaderSnapshot,
  READER_SNAPSHOT_COLUMNS,
  toReaderSnapshot,
  type ReaderSnapshot,
  type ReaderSnapshotRow,
  type ReaderProfile,
  type ReaderHistory,
} from './queries/reader-snapshot.js';
export { deliveryCounts, finishedDeliveries, type DeliveryCounts } from './queries/delivery-counts.js';
export { suppressAfterHardBounce } from './queries/suppress-address.js';
export { GroupCommit } from './queries/group-commit.js';
export { preparedQuery } from './queries/prepared-query.js';
export { updateReturning } from './queries/update-returning.js';
