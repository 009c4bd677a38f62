// The install hint on Home: only once the app has helped with a car; Chromium's own prompt where the browser
// offered one, the Share → Add to Home Screen steps on iOS Safari; never when installed or once dismissed.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { chooseGeneration, openHome, startCase } from './support/case-flow';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** What Chromium fires when the app is installable; the stand-in records whether the app asked for the prompt. */
async function offerInstall(page: Page): Promise<void> {
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, {
      prompt: async () => {
        document.documentElement.dataset.installPrompted = 'yes';
      },
      userChoice: Promise.resolve({ outcome: 'dismissed' }),
    });
    window.dispatchEvent(event);
  });
}

async function addCarAndGoHome(page: Page): Promise<void> {
  await startCase(page);
  await chooseGeneration(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('case-list').getByRole('listitem')).toHaveCount(1);
}

test('Chromium: no hint on a first visit; after the first car, "Install the app" opens the browser prompt', async ({ page }) => {
  await openHome(page);
  await offerInstall(page);
  const install = page.getByRole('button', { name: 'Install the app' });
  await expect(page.getByRole('button', { name: 'Start with my car' })).toBeVisible();
  await expect(install).toHaveCount(0);

  await addCarAndGoHome(page);
  await expect(install).toBeVisible();
  await install.click();
  await expect(page.locator('html')).toHaveAttribute('data-install-prompted', 'yes');
});

test('"Not now" hides the hint for good', async ({ page }) => {
  await openHome(page);
  await offerInstall(page);
  await addCarAndGoHome(page);
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('button', { name: 'Install the app' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('case-list').getByRole('listitem')).toHaveCount(1);
  await offerInstall(page);
  await expect(page.getByRole('button', { name: 'Not now' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Install the app' })).toHaveCount(0);
});

test.describe('iOS Safari', () => {
  test.use({ userAgent: IPHONE_SAFARI });

  test('shows the Share → Add to Home Screen steps once a car is saved', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => false, configurable: true }));
    await openHome(page);
    await expect(page.getByText('Tap the Share button in Safari.')).toHaveCount(0);
    await addCarAndGoHome(page);
    const steps = page.locator('.install-help ol li');
    await expect(steps).toHaveText(['Tap the Share button in Safari.', 'Choose “Add to Home Screen”.', 'Tap “Add”.']);
  });

  test('says nothing once the app runs from the home screen', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true, configurable: true }));
    await openHome(page);
    await addCarAndGoHome(page);
    await expect(page.locator('.install-help')).toHaveCount(0);
  });
});
