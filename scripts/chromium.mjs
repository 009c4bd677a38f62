// Finds and launches the Chromium the tests and tools use (Debian's, CHROME_PATH, or Playwright's own).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Flags this closed network needs: no background calls home, no QUIC. */
export const CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium() {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // no Playwright-managed browser installed
  }
  throw new Error('No Chromium found: run `apt-get install -y chromium` (or set CHROME_PATH).');
}

export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS, ...options });
}
