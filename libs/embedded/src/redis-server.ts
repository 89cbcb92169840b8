import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { aptInstall, findBinary } from './find-binary.js';
import { freePort } from './free-port.js';

export interface RedisServerHandle {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Where the append-only file lives; a temporary run passes a temp dir. */
  dir: string;
  /** Keep data across restarts (AOF). Tests turn it off. */
  persistent: boolean;
  port?: number;
  /** Require this password (`requirepass`), kept in a file only its owner reads, never on the command line. */
  password?: string;
}

/** redis-server, installing Debian's package if it is missing and we may. */
export function ensureRedisBinary(alternative: string): string {
  const found = findBinary('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  if (found) return found;
  aptInstall(['redis-server'], 'Paperboy\'s embedded Redis', alternative);
  const installed = findBinary('redis-server', ['/usr/bin', '/usr/sbin']);
  if (!installed) throw new Error('redis-server is still missing after apt-get install');
  return installed;
}

function killStale(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    // Only a redis-server we started earlier (a crashed run) is ours to stop.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('redis-server')) process.kill(pid, 'SIGTERM');
  } catch {
    // Not running any more.
  }
  rmSync(pidFile, { force: true });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    client.on('error', () => undefined); // refused while starting: expected
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer within ${timeoutMs} ms`);
}

/** Starts a private redis-server on a loopback port, as a child of this process. */
export async function startRedisServer(options: RedisServerOptions, alternative: string): Promise<RedisServerHandle> {
  const binary = ensureRedisBinary(alternative);
  mkdirSync(options.dir, { recursive: true });
  const pidFile = path.join(options.dir, 'redis.pid');
  killStale(pidFile);
  const port = await freePort(options.port);
  const config: string[] = [];
  if (options.password) {
    // A config file, not an argument: every local user can read a process's command line.
    const file = path.join(options.dir, 'redis.conf');
    if (!/^[A-Za-z0-9_-]+$/.test(options.password)) throw new Error('the embedded Redis password must be letters, digits, - or _');
    rmSync(file, { force: true }); // so the mode below applies to a new file
    writeFileSync(file, `requirepass ${options.password}\n`, { mode: 0o600 });
    config.push(file);
  }
  const args = [
    ...config,
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', options.dir,
    '--save', '',
    '--appendonly', options.persistent ? 'yes' : 'no',
    // BullMQ requires that Redis never evicts its keys.
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--logfile', path.join(options.dir, 'redis.log'),
  ];
  const child = spawn(binary, args, { stdio: 'ignore' });
  if (!child.pid) throw new Error('could not start redis-server');
  writeFileSync(pidFile, String(child.pid));
  const url = options.password ? `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`;
  await waitForPing(url, child, 10000);
  return {
    url,
    port,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(pidFile, { force: true });
    },
  };
}
