// `npm test`: install if needed, type-check and build, start a throwaway
// Postgres and Redis on free loopback ports, run every jest suite, and stop
// the servers whatever happens. Extra arguments go to jest.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ensureDependencies, root } from './lib/prepare.mjs';

const started = Date.now();
ensureDependencies();
if (spawnSync('npm', ['run', '--silent', 'typecheck'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  process.stderr.write('Type check failed.\n');
  process.exit(1);
}
ensureBuilt();

const embedded = await import(pathToFileURL(path.join(root, 'dist/libs/embedded/src/index.js')).href);
const stops = [];
let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(stops.reverse().map((stop) => stop()));
}

let child = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    child?.kill(signal);
    await stopAll();
    process.exit(130);
  });
}

let exitCode = 1;
try {
  // The browser suite drives Debian's chromium; never a downloaded browser.
  if (!embedded.findBinary('chromium', ['/usr/bin'])) {
    embedded.aptInstall(['chromium'], 'the browser tests', 'install chromium yourself');
  }
  const env = { ...process.env };
  if (!env.TEST_DATABASE_URL) {
    const pg = await embedded.startThrowawayPostgres();
    stops.push(pg.stop);
    env.TEST_DATABASE_URL = pg.url;
  }
  if (!env.TEST_REDIS_URL) {
    const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-redis-'));
    const redis = await embedded.startRedisServer({ dir, persistent: false }, 'set TEST_REDIS_URL to a Redis you have');
    stops.push(async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    env.TEST_REDIS_URL = redis.url;
  }
  process.stderr.write(`Test services: Postgres ${env.TEST_DATABASE_URL}, Redis ${env.TEST_REDIS_URL}\n`);
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim();
  const jestArgs = [path.join(root, 'node_modules/jest/bin/jest.js'), '--maxWorkers=2', ...process.argv.slice(2)];
  exitCode = await new Promise((resolve) => {
    child = spawn(process.execPath, jestArgs, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} catch (error) {
  process.stderr.write(`Could not run the tests: ${error instanceof Error ? error.message : String(error)}\n`);
  exitCode = 1;
} finally {
  await stopAll();
}
process.stderr.write(`npm test finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${exitCode}.\n`);
process.exit(exitCode);
