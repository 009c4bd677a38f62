import { execSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { startServer } from './support/server-process';
import { freePort } from './support/free-port';
import { passCodeDispute } from './support/case-flow';

test('a new deployment shows "Update available" and Reload switches to it only on request', async ({ page, expectedConsoleErrors }) => {
  // Between the two deployments nothing listens on the port: the page's connectivity probe is refused (and says so).
  expectedConsoleErrors.push(/^Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'radio-code-update-'));
  const firstBuild = join(work, 'first');
  const nextBuild = join(work, 'next');
  cpSync('dist', firstBuild, { recursive: true });
  // A real second build of the same sources, stamped with another version.
  execSync(`npx vite build --outDir ${nextBuild} --emptyOutDir`, {
    env: { ...process.env, APP_VERSION: '9.9.9-next' },
    stdio: 'ignore',
  });

  const port = await freePort();
  let server = await startServer({ port, distDir: firstBuild });
  try {
    // A car with a running countdown, saved on the device before the update.
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.getByRole('button', { name: 'Start with my car' }).click();
    await page.getByRole('button', { name: /^R55 \/ R56/ }).click();
    await page.getByRole('button', { name: /^SAFE/ }).click();
    await passCodeDispute(page, 'Wait for CODE');
    await expect(page.getByTestId('countdown')).toBeVisible();
    await page.goto(`${server.url}/about`);
    const firstVersion = await page.getByText(/^Version /).textContent();
    expect(firstVersion).not.toContain('9.9.9-next');

    await server.stop();
    server = await startServer({ port, distDir: nextBuild });

    // The open page finds the new worker (as it does on visibility change or hourly).
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
    await expect(prompt).toBeVisible();
    // Nothing changes until the user says so: still the old version.
    await expect(page.getByText(/^Version /)).toHaveText(firstVersion ?? '');

    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByText('Version 9.9.9-next')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Update available' })).toHaveCount(0);

    // The new version still has the car and its countdown.
    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByTestId('case-list')).toContainText('Car 1');
    await expect(page.getByTestId('case-list')).toContainText('Wait for CODE');
    await expect(page.getByTestId('case-list')).toContainText(/\d+:\d\d/);
  } finally {
    await server.stop();
  }
});
