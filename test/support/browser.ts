import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './processes.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-artifacts', 'screenshots');

/** Debian's chromium, never a downloaded browser; `npm test` installs it when missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run the suites through "npm test", which installs Debian's chromium.`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No network here: keep Chromium from phoning home (and failing loudly).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
