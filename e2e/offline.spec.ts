import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { emulateOnLine, goOffline, goOnline, OFFLINE_CONSOLE_ERRORS, ONLINE_MODES } from './support/online-modes';

for (const mode of ONLINE_MODES) {
  test.describe(`offline, with navigator.onLine ${mode === 'honest' ? 'telling the truth' : 'lying (true while offline)'}`, () => {
    test.beforeEach(async ({ context, expectedConsoleErrors }) => {
      await emulateOnLine(context, mode);
      expectedConsoleErrors.push(...OFFLINE_CONSOLE_ERRORS);
    });

    test('after the first visit, / and deep links reload offline with real content', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Radio locked?');
      await waitForServiceWorkerControl(page);
      // The news comes with the next screen the user opens (it never pushes the current one down).
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'About' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible();
      await nav.getByRole('link', { name: 'Home' }).click();

      await goOffline(page, mode);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Radio locked?');
      expect(await page.evaluate(() => navigator.onLine)).toBe(mode === 'lying');
      await expect(page.getByText('Offline — everything here still works.')).toBeVisible();

      // A prerendered deep link, typed straight into the address bar while offline.
      await page.goto('/guide/r55-r59');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('R55');

      // A route that is not prerendered opens from the shell.
      await page.goto('/settings');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');

      // Signal returns: the banner goes by itself (an honest browser says so; a lying one is found out by the probe).
      await goOnline(page, mode);
      await expect(page.getByText('Offline — everything here still works.')).toHaveCount(0, { timeout: 15_000 });
    });
  });
}

test.describe('offline', () => {
  test('the API is never answered from the cache', async ({ page, context, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/ERR_INTERNET_DISCONNECTED/);
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    const online = await page.evaluate(async () => (await fetch('/api/health')).status);
    expect(online).toBe(200);
    await context.setOffline(true);
    const offline = await page.evaluate(async () => {
      try {
        await fetch('/api/health');
        return 'answered';
      } catch {
        return 'network-error';
      }
    });
    expect(offline).toBe('network-error');
  });
});
