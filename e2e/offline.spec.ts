import { test, expect, waitForServiceWorkerControl } from './support/fixtures';

test.describe('offline', () => {
  test('after the first visit, / and deep links reload offline with real content', async ({ page, context }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Radio locked?');
    await waitForServiceWorkerControl(page);
    // The news comes with the next screen the user opens (it never pushes the current one down).
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'About' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible();
    await nav.getByRole('link', { name: 'Home' }).click();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Radio locked?');
    await expect(page.getByText('Offline — everything here still works.')).toBeVisible();

    // A prerendered deep link, typed straight into the address bar while offline.
    await page.goto('/guide/r55-r59');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('R55');

    // A route that is not prerendered opens from the shell.
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });

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
