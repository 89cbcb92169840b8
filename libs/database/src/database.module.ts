import { Global, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options.js';
import { runMigrationsLocked } from './run-migrations.js';
import { DeliveryRepository } from './repositories/delivery.repository.js';
import { FeedbackRepository } from './repositories/feedback.repository.js';
import { IngestRunRepository } from './repositories/ingest-run.repository.js';
import { PaperRepository } from './repositories/paper.repository.js';
import { ReaderSnapshots } from './repositories/reader-snapshots.js';
import { sqlOf } from './repositories/sql.js';
import { SubscriberRepository } from './repositories/subscriber.repository.js';
import { SuppressionRepository } from './repositories/suppression.repository.js';
import { TopicRepository } from './repositories/topic.repository.js';

/** One repository per aggregate: the only places that hold SQL or touch TypeORM. */
const REPOSITORIES = [SubscriberRepository, TopicRepository, PaperRepository, FeedbackRepository, SuppressionRepository, IngestRunRepository];

class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.runMigrations) return;
    const applied = await runMigrationsLocked(this.dataSource);
    if (applied.length > 0) this.logger.log(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize, ssl: config.databaseSsl }),
        // Boot should fail fast with a clear error rather than retry for minutes.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [
    MigrateOnBoot,
    { provide: DeliveryRepository, inject: [DataSource], useFactory: (db: DataSource) => new DeliveryRepository(sqlOf(db)) },
    { provide: ReaderSnapshots, inject: [DataSource], useFactory: (db: DataSource) => new ReaderSnapshots(sqlOf(db)) },
    ...REPOSITORIES.map((repository) => ({ provide: repository, inject: [DataSource], useFactory: (db: DataSource) => new repository(db) })),
  ],
  exports: [DeliveryRepository, ReaderSnapshots, ...REPOSITORIES],
})
export class DatabaseModule {}
