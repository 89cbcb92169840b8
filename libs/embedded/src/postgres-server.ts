import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aptInstall, findBinary, postgresBinDirs } from './find-binary.js';
import { freePort } from './free-port.js';

export interface PostgresServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function postgresBinaries(): { initdb: string; pgCtl: string } {
  const locate = () => ({
    initdb: findBinary('initdb', postgresBinDirs()),
    pgCtl: findBinary('pg_ctl', postgresBinDirs()),
  });
  let found = locate();
  if (!found.initdb || !found.pgCtl) {
    aptInstall(['postgresql'], 'the test suite\'s throwaway Postgres', 'set TEST_DATABASE_URL to an empty database');
    found = locate();
  }
  if (!found.initdb || !found.pgCtl) throw new Error('initdb/pg_ctl not found even after installing postgresql');
  return { initdb: found.initdb, pgCtl: found.pgCtl };
}

/** Postgres refuses to run as root: run its tools as the postgres user then. */
function asServerUser(file: string, args: string[]): string[] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['runuser', '-u', 'postgres', '--', file, ...args] : [file, ...args];
}

function run(argv: string[]): void {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr || result.stdout}`);
}

/** A throwaway Postgres cluster in a temp dir (about a second to start), for tests; `settings` are extra `name=value` server settings. */
export async function startThrowawayPostgres(settings: string[] = []): Promise<PostgresServerHandle> {
  const { initdb, pgCtl } = postgresBinaries();
  const root = mkdtempSync(path.join(tmpdir(), 'paperboy-pg-'));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  run(asServerUser(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']));
  const options = [`-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, ...settings.map((s) => `-c ${s}`)].join(' ');
  run(asServerUser(pgCtl, ['-D', dataDir, '-l', path.join(root, 'log'), '-w', '-o', options, 'start']));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      const argv = asServerUser(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      spawnSync(argv[0], argv.slice(1));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
