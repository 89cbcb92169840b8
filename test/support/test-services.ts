import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AppConfig } from '@app/config';

function required(name: 'TEST_DATABASE_URL' | 'TEST_REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites through "npm test", which starts Postgres and Redis.`);
  return value;
}

export const testServerUrls = () => ({ database: required('TEST_DATABASE_URL'), redis: required('TEST_REDIS_URL') });

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the throwaway server, one per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testServerUrls().database;
  const name = `paperboy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** ADMIN_TOKEN and TOKEN_SECRET for processes in production mode, which refuses published or guessable ones. */
export function randomSecrets(): { ADMIN_TOKEN: string; TOKEN_SECRET: string } {
  return { ADMIN_TOKEN: randomBytes(18).toString('base64url'), TOKEN_SECRET: randomBytes(32).toString('base64') };
}

/** Configuration for an app under test: real Postgres and Redis, a queue prefix of its own. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testServerUrls().redis,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    ADMIN_TOKEN: 'test-admin-token-0123456789',
    TOKEN_SECRET: 'test-token-secret-0123456789-0123456789',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    PUBLIC_URL: 'http://paperboy.test',
    // Suites make many requests from 127.0.0.1; the rate-limit suite sets its own limits.
    INGEST_SOURCES: '',
    JOB_BACKOFF_MS: '200',
    RATE_LIMIT_PER_IP: '100000',
    SUBSCRIBE_RATE_PER_IP: '100000',
    ADMIN_AUTH_FAILURES_PER_IP: '100000',
    ...overrides,
  });
}
