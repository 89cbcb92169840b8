import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, startMailCatcher, startPgliteServer, startRedisServer, type MailCatcherHandle } from '@app/embedded';

export interface EmbeddedServices {
  /** Environment to run Paperboy with: the user's own values win. */
  env: NodeJS.ProcessEnv;
  inbox: MailCatcherHandle | null;
  started: string[];
  stop(): Promise<void>;
}

const DOCKER_HINT = 'run "docker compose up" for the production-like stack, or set REDIS_URL to a Redis you have';

export class AlreadyRunningError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One `npm start` per data dir: a second one would fight the first over the
 * embedded Redis and PGlite files. Returns a release function.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'paperboy.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new AlreadyRunningError(`Paperboy is already running from ${dataDir} (pid ${pid}). Stop it first, or start this one with DATA_DIR set to another folder.`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

interface LocalSecrets {
  TOKEN_SECRET: string;
  ADMIN_TOKEN: string;
  /** Passwords of the embedded Postgres (PGlite) and Redis: anything on this machine can reach their ports. */
  POSTGRES_PASSWORD: string;
  REDIS_PASSWORD: string;
}

const SECRET_BYTES: Record<keyof LocalSecrets, number> = { TOKEN_SECRET: 32, ADMIN_TOKEN: 18, POSTGRES_PASSWORD: 24, REDIS_PASSWORD: 24 };

/**
 * Secrets generated once per data dir, so links in emails keep working across
 * restarts; ones a data dir from an older version lacks are added.
 */
function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const kept = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<LocalSecrets>;
  const secrets = { ...kept } as LocalSecrets;
  for (const [name, bytes] of Object.entries(SECRET_BYTES) as Array<[keyof LocalSecrets, number]>) secrets[name] ||= randomBytes(bytes).toString('base64url');
  if (Object.keys(kept).length !== Object.keys(secrets).length) {
    rmSync(file, { force: true }); // so the mode below applies to a new file
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * Starts whatever the user did not point us at: PGlite for Postgres, a private
 * redis-server, and a mail catcher. Everything lives under dataDir.
 */
export async function startEmbeddedServices(dataDir: string, given: NodeJS.ProcessEnv): Promise<EmbeddedServices> {
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  const stops: Array<() => Promise<void>> = [async () => release()];
  const started: string[] = [];
  // Quiet by default: the banner says what matters; LOG_LEVEL=info shows every request.
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', LOG_LEVEL: 'warn', LOAD_SAMPLE_DATA: 'true', ...given };
  let inbox: MailCatcherHandle | null = null;
  try {
    const secrets = localSecrets(dataDir);
    env.TOKEN_SECRET ||= secrets.TOKEN_SECRET;
    env.ADMIN_TOKEN ||= secrets.ADMIN_TOKEN;

    if (!env.PORT) {
      // A newcomer's port 3000 may be taken; pick another rather than fail.
      env.PORT = String(await freePort(3000));
    }
    env.HOST ||= '127.0.0.1';
    env.PUBLIC_URL ||= `http://localhost:${env.PORT}`;

    const tasks: Array<Promise<void>> = [];
    if (!env.DATABASE_URL) {
      tasks.push(
        startPgliteServer(path.join(dataDir, 'pglite'), secrets.POSTGRES_PASSWORD).then((pg) => {
          stops.push(pg.stop);
          env.DATABASE_URL = pg.url;
          started.push(`Postgres (PGlite, data in ${path.join(dataDir, 'pglite')})`);
        }),
      );
    }
    if (!env.REDIS_URL) {
      tasks.push(
        startRedisServer({ dir: path.join(dataDir, 'redis'), persistent: true, password: secrets.REDIS_PASSWORD }, DOCKER_HINT).then((redis) => {
          stops.push(redis.stop);
          env.REDIS_URL = redis.url;
          started.push(`Redis (pid ${redis.pid}, data in ${path.join(dataDir, 'redis')})`);
        }),
      );
    }
    if (!env.SMTP_URL) {
      tasks.push(
        startMailCatcher({ dir: path.join(dataDir, 'mail'), httpPort: Number(env.PORT) + 1 }).then((catcher) => {
          stops.push(catcher.stop);
          inbox = catcher;
          env.SMTP_URL = catcher.smtpUrl;
          started.push('mail catcher (SMTP on loopback)');
        }),
      );
    }
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }
  return {
    env,
    inbox,
    started,
    stop: async () => {
      await Promise.allSettled(stops.reverse().map((stop) => stop()));
    },
  };
}
