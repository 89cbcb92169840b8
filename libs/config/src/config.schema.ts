import { z } from 'zod';
import { parseTrustProxy, TRUST_PROXY_HINT, type TrustProxy } from './trust-proxy.js';

/** Thrown when the environment cannot be turned into a valid configuration. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const urlWithProtocols = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol) && new URL(value).hostname !== '';
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const intIn = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable Paperboy reads. Keep README's configuration
 * table in step with this schema.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: intIn(1, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:'], 'https://paperboy.example.org').optional(),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/paperboy'),
  DATABASE_POOL_SIZE: intIn(1, 200).default(10),
  DATABASE_SSL: boolean.default(false),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://host:6379').optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[A-Za-z0-9.\-\[\]:]+:\d{1,5}(,[A-Za-z0-9.\-\[\]:]+:\d{1,5})*$/, { message: 'must be host:port pairs separated by commas, like 10.0.0.1:7000,10.0.0.2:7000' })
    .optional(),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:'], 'smtp://user:password@host:587'),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, { message: 'must be an address like "Paperboy <digest@example.org>"' })
    .default('Paperboy <digest@paperboy.localhost>'),
  ADMIN_TOKEN: z
    .string()
    .min(16, { message: 'must be at least 16 characters' })
    .regex(/^\S+$/, { message: 'must not contain spaces or tabs (it is sent as a bearer token)' }),
  TOKEN_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: intIn(1000, 600000).default(15000),
  WORKER_PROCESSES: intIn(1, 256).optional(),
  WORKER_MAX_HEAP_MB: intIn(64, 65536).default(512),
  DIGEST_BATCH_SIZE: intIn(1, 5000).default(500),
  DIGEST_BATCH_CONCURRENCY: intIn(1, 16).default(2),
  DIGEST_SEND_CONCURRENCY: intIn(1, 1000).optional(),
  DIGEST_QUEUE_SHARDS: intIn(1, 64).default(4),
  DIGEST_MAX_ATTEMPTS: intIn(1, 20).default(5),
  DELIVERY_RETENTION_DAYS: intIn(2, 3650).default(90),
  SMTP_POOL_SIZE: intIn(1, 100).default(8),
  RUN_MIGRATIONS: boolean.default(true),
  TRUST_PROXY: z
    .string()
    .transform((value, ctx): TrustProxy => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HINT });
        return z.NEVER;
      }
      return parsed;
    })
    .default(false),
  RATE_LIMIT_PER_IP: intIn(1, 1000000).default(300),
  SUBSCRIBE_RATE_PER_IP: intIn(1, 100000).default(10),
  ADMIN_AUTH_FAILURES_PER_IP: intIn(1, 100000).default(10),
  QUEUE_DASHBOARD_WRITE: boolean.default(false),
  DAILY_PAPERS_BASE_URL: urlWithProtocols(['http:', 'https:'], 'https://huggingface.co').default('https://huggingface.co'),
  ARXIV_BASE_URL: urlWithProtocols(['http:', 'https:'], 'http://export.arxiv.org').default('http://export.arxiv.org'),
  ARXIV_CATEGORIES: z
    .string()
    .regex(/^[a-z-]+\.[A-Z]{2}(,[a-z-]+\.[A-Z]{2})*$/, { message: 'must be arXiv categories like cs.LG,cs.CL' })
    .default('cs.LG,cs.CL,cs.AI'),
  INGEST_FILE: z.string().min(1).optional(),
  INGEST_SOURCES: z
    .string()
    .regex(/^((daily-papers|arxiv|file|sample)(,(daily-papers|arxiv|file|sample))*)?$/, { message: 'must be a comma-separated list of source names: daily-papers, arxiv, file' })
    .default('daily-papers'),
  INGEST_CRON: z.string().regex(/^(\S+\s+){4,5}\S+$/, { message: 'must be a cron expression, e.g. "*/30 * * * *"' }).default('*/30 * * * *'),
  JOB_BACKOFF_MS: intIn(10, 3600000).default(5000),
  DIGEST_CRON: z.string().regex(/^(\S+\s+){4,5}\S+$/, { message: 'must be a cron expression, e.g. "*/5 * * * *"' }).default('*/5 * * * *'),
  DIGEST_SWEEP_CRON: z.string().regex(/^(\S+\s+){4,5}\S+$/, { message: 'must be a cron expression, e.g. "30 * * * * *"' }).default('30 * * * * *'),
  DIGEST_SEND_RATE: intIn(1, 100000).default(50),
  DIGEST_LEASE_MS: intIn(10000, 86400000).default(600000),
  SKIP_EMPTY_DIGESTS: boolean.default(true),
  DKIM_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain like example.org' }).optional(),
  DKIM_SELECTOR: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a DNS label like paperboy' }).optional(),
  DKIM_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
  LOAD_SAMPLE_DATA: boolean.default(false),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' }).default('paperboy'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment, failing with the first bad variable named. */
export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue.path[0] ?? 'environment');
  const reason = issue.code === 'invalid_type' && cleaned[variable] === undefined ? 'is required' : issue.message;
  throw new ConfigError(variable, reason);
}
