import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { AppConfig, ConfigError, parseEnv } from './index.js';

const valid = {
  DATABASE_URL: 'postgres://paperboy:secret@db.internal:5432/paperboy',
  REDIS_URL: 'redis://cache.internal:6379',
  SMTP_URL: 'smtp://mailer.internal:587',
  ADMIN_TOKEN: randomBytes(18).toString('base64url'),
  TOKEN_SECRET: randomBytes(32).toString('base64'),
};

/** The error the whole boot path (schema, then AppConfig's cross-checks) gives. */
function errorFor(env: Record<string, string>): ConfigError {
  try {
    AppConfig.fromEnv(env);
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
    ['ADMIN_TOKEN', 'correct horse battery staple', 'must not contain spaces'],
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

  it.each([
    ['ADMIN_TOKEN', 'change-me-admin-token-0000', 'published in Paperboy'],
    ['TOKEN_SECRET', 'change-me-token-secret-0000000000000000', 'published in Paperboy'],
    ['ADMIN_TOKEN', 'test-admin-token-0123456789', 'published in Paperboy'],
    ['TOKEN_SECRET', 'bench-token-secret-0123456789abcdef0123', 'published in Paperboy'],
    ['ADMIN_TOKEN', 'aaaaaaaaaaaaaaaa', 'too easy to guess'],
    ['TOKEN_SECRET', 'b'.repeat(40), 'too easy to guess'],
    ['ADMIN_TOKEN', 'change-me-admin-token-0001', 'too easy to guess'],
    ['TOKEN_SECRET', 'my-production-secret-token-1234567890', 'too easy to guess'],
    ['ADMIN_TOKEN', 'password12345678', 'too easy to guess'],
    ['TOKEN_SECRET', 'abcdefghijklmnopqrstuvwxyz012345', 'too easy to guess'],
  ])('in production, refuses %s = %j with one line naming it', (variable, value, reason) => {
    const error = errorFor({ ...valid, NODE_ENV: 'production', [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
    expect(error.message).toContain('openssl rand -base64 32');
    expect(error.message.split('\n')).toHaveLength(1);
    // The secret itself is never printed.
    expect(error.message).not.toContain(value);
  });

  it('accepts the same placeholders outside production (tests, development)', () => {
    for (const NODE_ENV of ['test', 'development']) {
      expect(() => AppConfig.fromEnv({ ...valid, NODE_ENV, ADMIN_TOKEN: 'aaaaaaaaaaaaaaaa', TOKEN_SECRET: 'change-me-token-secret-0000000000000000' })).not.toThrow();
    }
  });

  it('in production, refuses the same value for ADMIN_TOKEN and TOKEN_SECRET', () => {
    const shared = randomBytes(32).toString('base64');
    expect(errorFor({ ...valid, ADMIN_TOKEN: shared, TOKEN_SECRET: shared }).message).toBe('TOKEN_SECRET: must differ from ADMIN_TOKEN');
  });

  it('in production, refuses an http PUBLIC_URL except on localhost', () => {
    const error = errorFor({ ...valid, PUBLIC_URL: 'http://papers.example.org' });
    expect(error.variable).toBe('PUBLIC_URL');
    expect(error.message).toMatch(/must start with https:\/\//);
    for (const local of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://paperboy.localhost']) {
      expect(AppConfig.fromEnv({ ...valid, PUBLIC_URL: local }).publicUrl).toBe(local);
    }
    expect(AppConfig.fromEnv({ ...valid, NODE_ENV: 'development', PUBLIC_URL: 'http://papers.example.org' }).publicUrl).toBe('http://papers.example.org');
    expect(AppConfig.fromEnv({ ...valid, PUBLIC_URL: 'https://papers.example.org' }).publicUrl).toBe('https://papers.example.org');
  });

  it('keeps X-Forwarded-For untrusted unless TRUST_PROXY says which proxies to trust', () => {
    expect(AppConfig.fromEnv(valid).trustProxy).toBe(false);
    expect(AppConfig.fromEnv({ ...valid, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(AppConfig.fromEnv({ ...valid, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(AppConfig.fromEnv({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.0.2.10' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.10']);
    for (const bad of ['true', 'yes-please', '10.0.0.0/33', '300.1.1.1', 'loopback,,', '1.5']) {
      const error = errorFor({ ...valid, TRUST_PROXY: bad });
      expect(error.variable).toBe('TRUST_PROXY');
      expect(error.message).toContain('a number of proxy hops');
    }
  });

  it('runs the queue dashboard read-only unless QUEUE_DASHBOARD_WRITE=true', () => {
    expect(AppConfig.fromEnv(valid).queueDashboardWrite).toBe(false);
    expect(AppConfig.fromEnv({ ...valid, QUEUE_DASHBOARD_WRITE: 'true' }).queueDashboardWrite).toBe(true);
  });
});
