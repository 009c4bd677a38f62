import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/chromium.mjs';
import { E2E_BASE_URL } from './support/constants';

test('Chromium reports no installability errors and the manifest is complete', async ({ page }) => {
  await page.goto('/');
  const manifestResponse = await page.request.get('/manifest.webmanifest');
  expect(manifestResponse.status()).toBe(200);
  expect(manifestResponse.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await manifestResponse.json();
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
  const sizes = manifest.icons.map((icon: { sizes: string; purpose?: string }) => `${icon.sizes}:${icon.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable', 'any:any']));

  // Installability needs a real (non-incognito) profile, so this check runs in a persistent context.
  const profile = mkdtempSync(join(tmpdir(), 'radio-code-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: CHROMIUM_FLAGS });
  try {
    const installPage = context.pages()[0] ?? (await context.newPage());
    await installPage.goto(E2E_BASE_URL);
    await installPage.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await context.newCDPSession(installPage);
    await expect
      .poll(async () => ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] }).installabilityErrors)
      .toEqual([]);
  } finally {
    await context.close();
  }
});
