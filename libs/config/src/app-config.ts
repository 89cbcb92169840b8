import { availableParallelism } from 'node:os';
import { ConfigError, parseEnv, type Env } from './config.schema.js';
import { assertProductionReady } from './production-checks.js';
import type { TrustProxy } from './trust-proxy.js';

/**
 * Validated configuration, injectable by class. Built once at boot from the
 * environment; nothing else in the code base reads process.env.
 */
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly databaseSsl: boolean;
  /** A single Redis (redis://…), unless `redisCluster` is set. */
  readonly redisUrl: string;
  /** Redis Cluster seed nodes (REDIS_CLUSTER_NODES): takes precedence over REDIS_URL. */
  readonly redisCluster: Array<{ host: string; port: number }> | undefined;
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly adminToken: string;
  readonly tokenSecret: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly shutdownTimeoutMs: number;
  /** Worker processes `start:worker` and `npm start` run under one supervisor (default: the number of cores). */
  readonly workerProcesses: number;
  /** V8 old-space limit of each supervised worker process: without one, V8 lets garbage grow with the machine's memory. */
  readonly workerMaxHeapMb: number;
  readonly digestBatchSize: number;
  /** Digest batches one worker process works on at once. */
  readonly digestBatchConcurrency: number;
  /** Digests one worker process has in flight to the SMTP server at once. */
  readonly digestSendConcurrency: number;
  readonly digestQueueShards: number;
  readonly digestMaxAttempts: number;
  readonly deliveryRetentionDays: number;
  readonly smtpPoolSize: number;
  readonly runMigrations: boolean;
  readonly queuePrefix: string;
  readonly loadSampleData: boolean;
  readonly dailyPapersBaseUrl: string;
  readonly ingestSources: string[];
  readonly ingestCron: string;
  readonly arxivBaseUrl: string;
  readonly arxivCategories: string[];
  readonly ingestFile: string | undefined;
  readonly jobBackoffMs: number;
  readonly digestCron: string;
  readonly digestSendRate: number;
  readonly digestSweepCron: string;
  readonly digestLeaseMs: number;
  readonly skipEmptyDigests: boolean;
  readonly dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  readonly trustProxy: TrustProxy;
  readonly rateLimitPerIp: number;
  readonly subscribeRatePerIp: number;
  readonly adminAuthFailuresPerIp: number;
  readonly queueDashboardWrite: boolean;

  constructor(env: Env) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    if (env.NODE_ENV === 'production') assertProductionReady(env, this.publicUrl);
    this.databaseUrl = env.DATABASE_URL;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.databaseSsl = env.DATABASE_SSL;
    this.redisCluster = env.REDIS_CLUSTER_NODES?.split(',').map((node) => {
      const colon = node.lastIndexOf(':');
      return { host: node.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(node.slice(colon + 1)) };
    });
    if (!env.REDIS_URL && !this.redisCluster) throw new ConfigError('REDIS_URL', 'is required (or REDIS_CLUSTER_NODES for a Redis Cluster)');
    this.redisUrl = env.REDIS_URL ?? `redis://${this.redisCluster![0].host}:${this.redisCluster![0].port}`;
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM;
    this.adminToken = env.ADMIN_TOKEN;
    this.tokenSecret = env.TOKEN_SECRET;
    this.logLevel = env.LOG_LEVEL;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    this.workerProcesses = env.WORKER_PROCESSES ?? Math.max(1, availableParallelism());
    this.workerMaxHeapMb = env.WORKER_MAX_HEAP_MB;
    this.digestBatchSize = env.DIGEST_BATCH_SIZE;
    this.digestBatchConcurrency = env.DIGEST_BATCH_CONCURRENCY;
    // A message recorded as "SMTP started" should be on a connection, not waiting for one: after a crash it counts as maybe sent.
    this.digestSendConcurrency = env.DIGEST_SEND_CONCURRENCY ?? env.SMTP_POOL_SIZE;
    this.digestQueueShards = env.DIGEST_QUEUE_SHARDS;
    this.digestMaxAttempts = env.DIGEST_MAX_ATTEMPTS;
    this.deliveryRetentionDays = env.DELIVERY_RETENTION_DAYS;
    this.smtpPoolSize = env.SMTP_POOL_SIZE;
    this.runMigrations = env.RUN_MIGRATIONS;
    this.queuePrefix = env.QUEUE_PREFIX;
    this.loadSampleData = env.LOAD_SAMPLE_DATA;
    this.dailyPapersBaseUrl = env.DAILY_PAPERS_BASE_URL.replace(/\/+$/, '');
    this.ingestSources = env.INGEST_SOURCES.split(',').filter(Boolean);
    this.ingestCron = env.INGEST_CRON;
    this.arxivBaseUrl = env.ARXIV_BASE_URL.replace(/\/+$/, '');
    this.arxivCategories = env.ARXIV_CATEGORIES.split(',');
    this.ingestFile = env.INGEST_FILE;
    this.jobBackoffMs = env.JOB_BACKOFF_MS;
    this.digestCron = env.DIGEST_CRON;
    this.digestSendRate = env.DIGEST_SEND_RATE;
    this.digestSweepCron = env.DIGEST_SWEEP_CRON;
    this.digestLeaseMs = env.DIGEST_LEASE_MS;
    this.skipEmptyDigests = env.SKIP_EMPTY_DIGESTS;
    const dkimParts = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY].filter(Boolean).length;
    if (dkimParts > 0 && dkimParts < 3) throw new ConfigError(env.DKIM_DOMAIN ? (env.DKIM_SELECTOR ? 'DKIM_PRIVATE_KEY' : 'DKIM_SELECTOR') : 'DKIM_DOMAIN', 'is required when DKIM signing is configured (DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together)');
    this.dkim = dkimParts === 3 ? { domainName: env.DKIM_DOMAIN!, keySelector: env.DKIM_SELECTOR!, privateKey: env.DKIM_PRIVATE_KEY!.replace(/\\n/g, '\n') } : undefined;
    if (this.ingestSources.includes('file') && !this.ingestFile) throw new ConfigError('INGEST_FILE', 'is required when INGEST_SOURCES includes file');
    this.trustProxy = env.TRUST_PROXY;
    this.rateLimitPerIp = env.RATE_LIMIT_PER_IP;
    this.subscribeRatePerIp = env.SUBSCRIBE_RATE_PER_IP;
    this.adminAuthFailuresPerIp = env.ADMIN_AUTH_FAILURES_PER_IP;
    this.queueDashboardWrite = env.QUEUE_DASHBOARD_WRITE;
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    return new AppConfig(parseEnv(env));
  }
}
