import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Finds an executable on PATH or in the given extra directories. */
export function findBinary(name: string, extraDirs: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Debian puts server binaries under /usr/lib/postgresql/<version>/bin, off PATH. */
export function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(root, version, 'bin'));
}

export class MissingDependencyError extends Error {}

/**
 * Installs Debian packages when we are root and apt is present (a bare Debian
 * box); otherwise explains what to do. Output goes to the terminal so the user
 * sees why the first run takes longer.
 */
export function aptInstall(packages: string[], why: string, alternative: string): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = findBinary('apt-get');
  if (!isRoot || !apt) {
    throw new MissingDependencyError(
      `${why} needs the Debian package(s) ${packages.join(', ')}, which are not installed, and this process ` +
        `cannot install them (it is ${isRoot ? 'root but has no apt-get' : 'not root'}). Install them with ` +
        `"sudo apt-get install -y ${packages.join(' ')}" and run the command again, or ${alternative}.`,
    );
  }
  process.stderr.write(`Installing ${packages.join(', ')} with apt-get (${why})…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Package lists may be missing or stale on a fresh machine.
  spawnSync(apt, ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync(apt, ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  if (result.status !== 0) {
    throw new MissingDependencyError(`apt-get install ${packages.join(' ')} failed (exit ${result.status}); ${alternative}.`);
  }
}

export function commandOutput(file: string, args: string[]): string {
  return execFileSync(file, args, { encoding: 'utf8' });
}
