// The browser may offer installation (beforeinstallprompt) as soon as the page has loaded: the app must already be listening.
import { test, expect } from './support/fixtures';

test('a beforeinstallprompt fired the moment the document is parsed is kept, and Settings offers "Install the app"', async ({ page }) => {
  // Headless Chromium never fires the real event; this fires it at DOMContentLoaded, before the app's first render
  // (module scripts run just before DOMContentLoaded), which is the earliest a real browser may.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const offer = new Event('beforeinstallprompt', { cancelable: true });
      Object.assign(offer, { prompt: async () => undefined, userChoice: Promise.resolve({ outcome: 'dismissed' }) });
      dispatchEvent(offer);
      (window as unknown as { installOfferTaken: boolean }).installOfferTaken = offer.defaultPrevented;
    });
  });
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // preventDefault: the app shows its own button instead of the browser's mini-infobar.
  expect(await page.evaluate(() => (window as unknown as { installOfferTaken: boolean }).installOfferTaken)).toBe(true);
  await expect(page.getByRole('button', { name: 'Install the app' })).toBeVisible();
});
