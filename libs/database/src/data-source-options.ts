import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize?: number;
  ssl?: boolean;
  applicationName?: string;
}

/** TypeORM options shared by the app, the migration CLI and the tests. Never `synchronize`. */
export function dataSourceOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into Postgres 13+ (and PGlite): no extension to install.
    installExtensions: false,
    applicationName: settings.applicationName ?? 'paperboy',
    extra: {
      max: settings.poolSize ?? 10,
      // Fail fast instead of hanging when Postgres is unreachable: /ready must answer quickly.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
  };
}
