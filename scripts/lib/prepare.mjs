// Shared by `npm start` and `npm test`: install dependencies when missing or
// stale, and rebuild when sources changed since the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : mtime(full));
  }
  return newest;
}

/** npm ci when possible; npm install when ci trips on optional binaries of other platforms. */
export function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && mtime(installed) >= mtime(path.join(root, 'package-lock.json'))) return;
  const started = Date.now();
  process.stderr.write('Installing dependencies (first run only)…\n');
  const flags = ['--no-audit', '--no-fund', '--loglevel=error'];
  // The registry reachable here lacks some other platforms' optional binaries,
  // which can make `npm ci` refuse the lock file (notes/stack.md).
  const ci = spawnSync('npm', ['ci', ...flags], { cwd: root, encoding: 'utf8' });
  if (ci.status !== 0) {
    const reason = (ci.stderr.match(/npm error (Missing: .*)/) ?? [])[1] ?? 'see npm ci';
    process.stderr.write(`npm ci refused the lock file here (${reason}); installing with npm install instead…\n`);
    if (run('npm', ['install', ...flags]) !== 0) {
      process.stderr.write('Could not install dependencies (see the npm output above).\n');
      process.exit(1);
    }
  }
  process.stderr.write(`Dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

/** Compiles apps/ and libs/ to dist/ unless dist/ is newer than every source. */
export function ensureBuilt({ force = false } = {}) {
  const stamp = path.join(root, 'dist', '.build-stamp');
  const sources = Math.max(
    newestMtime(path.join(root, 'apps')),
    newestMtime(path.join(root, 'libs')),
    mtime(path.join(root, 'tsconfig.json')),
    mtime(path.join(root, 'tsconfig.build.json')),
    mtime(path.join(root, 'package-lock.json')),
  );
  if (!force && mtime(stamp) > sources) return;
  const started = Date.now();
  process.stderr.write('Building…\n');
  if (run('npm', ['run', '--silent', 'build']) !== 0) {
    process.stderr.write('The build failed (see the TypeScript errors above).\n');
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString());
  process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
