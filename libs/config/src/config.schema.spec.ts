import { describe, expect, it } from '@jest/globals';
import { AppConfig, ConfigError, parseEnv } from './index.js';

const valid = {
  DATABASE_URL: 'postgres://paperboy:secret@db.internal:5432/paperboy',
  REDIS_URL: 'redis://cache.internal:6379',
  SMTP_URL: 'smtp://mailer.internal:587',
  ADMIN_TOKEN: 'a'.repeat(24),
  TOKEN_SECRET: 'b'.repeat(40),
};

function errorFor(env: Record<string, string>): ConfigError {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('accepts a complete environment and fills documented defaults', () => {
    const config = AppConfig.fromEnv(valid);
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databasePoolSize).toBe(10);
    expect(config.mailFrom).toContain('@');
  });

  it('strips a trailing slash from PUBLIC_URL so links never get a double slash', () => {
    expect(AppConfig.fromEnv({ ...valid, PUBLIC_URL: 'https://papers.example.org/' }).publicUrl).toBe(
      'https://papers.example.org',
    );
  });

  it.each([
    ['DATABASE_URL', 'not a url', 'must be a URL like postgres://'],
    ['DATABASE_URL', 'mysql://x@y/z', 'must be a URL like postgres://'],
    ['REDIS_URL', 'localhost:6379', 'must be a URL like redis://'],
    ['SMTP_URL', 'http://mail', 'must be a URL like smtp://'],
    ['PORT', 'eighty', 'must be a whole number'],
    ['PORT', '70000', 'must be at most 65535'],
    ['TOKEN_SECRET', 'short', 'must be at least 32 characters'],
    ['ADMIN_TOKEN', 'short', 'must be at least 16 characters'],
    ['LOG_LEVEL', 'loud', 'Invalid option'],
  ])('names %s when it is %j', (variable, value, reason) => {
    const error = errorFor({ ...valid, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('says a missing required variable is required', () => {
    const { SMTP_URL: _omitted, ...rest } = valid;
    expect(errorFor(rest).message).toBe('SMTP_URL: is required');
    const { REDIS_URL: _redis, ...noRedis } = valid;
    expect(() => AppConfig.fromEnv(noRedis)).toThrow('REDIS_URL: is required (or REDIS_CLUSTER_NODES for a Redis Cluster)');
  });

  it('takes Redis Cluster nodes over REDIS_URL', () => {
    const config = AppConfig.fromEnv({ ...valid, REDIS_CLUSTER_NODES: '10.0.0.1:7000,[::1]:7001,redis-2.internal:7002' });
    expect(config.redisCluster).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '::1', port: 7001 },
      { host: 'redis-2.internal', port: 7002 },
    ]);
    expect(errorFor({ ...valid, REDIS_CLUSTER_NODES: '10.0.0.1' }).variable).toBe('REDIS_CLUSTER_NODES');
  });

  it('never echoes the value of a bad URL, which may hold a password', () => {
    const error = errorFor({ ...valid, DATABASE_URL: 'postgres//user:hunter2@host' });
    expect(error.message).not.toContain('hunter2');
  });
});
