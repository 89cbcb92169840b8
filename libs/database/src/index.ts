export * from './entities/index.js';
export { MIGRATIONS } from './migrations/index.js';
export { dataSourceOptions, type DatabaseConnectionSettings } from './data-source-options.js';
export { runMigrationsLocked, MIGRATION_LOCK_KEY } from './run-migrations.js';
export { schemaDiff, type SchemaDiff } from './schema-drift.js';
export { DatabaseModule } from './database.module.js';
export { GroupCommit } from './queries/group-commit.js';
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
export { SubscriberRepository, isOpenRequest, type ConfirmResult, type ImportedSubscriber, type SubscriberFilter, type SubscriberInterests, type SubscriberSettings } from './repositories/subscriber.repository.js';
export { TopicRepository, type TopicFields } from './repositories/topic.repository.js';
export { PaperRepository, type PaperRecord, type UpsertResult } from './repositories/paper.repository.js';
export { FeedbackRepository } from './repositories/feedback.repository.js';
export { SuppressionRepository } from './repositories/suppression.repository.js';
export { IngestRunRepository } from './repositories/ingest-run.repository.js';
