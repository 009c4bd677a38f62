// Full-page screenshots of the main screens at 360 px, light and dark: attached to the report and kept in
// test-results/screenshots/ for a human to look at (nothing is compared; the a11y and layout specs do the checking).
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { chooseGeneration, openHome, placeOrder, reachEntryCoach, reachFindSerial, reachSafeWait, startCase, uniqueSerial } from './support/case-flow';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Wait for web fonts and pending paints, so the picture is the screen a user sees.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`screenshots, ${colorScheme}`, () => {
    test.use({ colorScheme, viewport: { width: 360, height: 780 } });

    test(`main screens at 360 px (${colorScheme})`, async ({ page }, testInfo) => {
      await openHome(page);
      await waitForServiceWorkerControl(page);
      await startCase(page);
      // The one-off "Ready to work offline" toast (it comes with the first screen opened) would sit on every picture.
      const toast = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
      await toast.getByRole('button', { name: 'Close' }).click();
      await expect(toast).toHaveCount(0);
      await chooseGeneration(page);
      await reachSafeWait(page);
      await shoot(page, testInfo, `case-safe-wait-${colorScheme}`);

      await page.getByRole('link', { name: 'Home' }).click();
      await startCase(page);
      await chooseGeneration(page);
      await reachEntryCoach(page);
      const steps = page.getByRole('list', { name: 'Button presses, tick each one off' }).getByRole('button');
      await steps.nth(0).click();
      await steps.nth(1).click();
      await expect(steps.nth(1)).toHaveAttribute('aria-pressed', 'true');
      await shoot(page, testInfo, `entry-coach-${colorScheme}`);

      await page.getByRole('link', { name: 'Home' }).click();
      await startCase(page);
      await chooseGeneration(page);
      await reachFindSerial(page);
      await shoot(page, testInfo, `case-find-serial-${colorScheme}`);
      await placeOrder(page, uniqueSerial());
      await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'received', { timeout: 20_000 });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Orders/ }).click();
      await expect(page.getByTestId('order-status')).toBeVisible();
      await shoot(page, testInfo, `order-status-${colorScheme}`);

      await page.getByRole('link', { name: 'Home' }).click();
      await expect(page.getByTestId('case-list').getByRole('listitem')).toHaveCount(3);
      await shoot(page, testInfo, `home-${colorScheme}`);

      await page.getByRole('link', { name: /^R55 \/ R56/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: /^R55 \/ R56/ })).toBeVisible();
      await shoot(page, testInfo, `guide-${colorScheme}`);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await shoot(page, testInfo, `settings-${colorScheme}`);
    });
  });
}
