// Toasts on a small phone: "Ready to work offline" and "Deleted — Undo" sit in the page's flow, never over a
// button, link or field, at 360 px and 320 px, at the top and the bottom of the page; each can be closed; and
// one that arrives by itself never pushes the open screen down.
import type { Locator, Page } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { chooseGeneration, expectStep, openHome, startCase } from './support/case-flow';

/** Every visible control outside the toast whose box intersects the toast's box, in the current scroll position. */
async function controlsUnder(toast: Locator): Promise<string[]> {
  return toast.evaluate((notice) => {
    const box = notice.getBoundingClientRect();
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
    return [...controls]
      .filter((control) => !notice.contains(control) && control.getClientRects().length > 0)
      .filter((control) => {
        const own = control.getBoundingClientRect();
        return own.bottom > box.top && own.top < box.bottom && own.right > box.left && own.left < box.right;
      })
      .map((control) => `${control.tagName.toLowerCase()} "${(control.textContent ?? '').trim().slice(0, 40)}"`);
  });
}

async function expectCoversNothing(page: Page, toast: Locator, where: string): Promise<void> {
  await expect(toast).toBeVisible();
  expect(await controlsUnder(toast), `${where}, top of the page`).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await controlsUnder(toast), `${where}, scrolled to the bottom`).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
}

for (const width of [360, 320]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 640 } });

    test('"Ready to work offline" never pushes the open screen down: it comes with the next one, covers no control, and closes', async ({ page }) => {
      await openHome(page);
      await waitForServiceWorkerControl(page);
      const offlineReady = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
      const start = page.getByRole('button', { name: 'Start with my car' });
      const startBefore = await start.boundingBox();
      await expect(offlineReady).toHaveCount(0);
      expect(await start.boundingBox(), 'the start button stays where the user saw it').toEqual(startBefore);

      await startCase(page);
      await expectCoversNothing(page, offlineReady, 'offline-ready on the first case screen');
      const noticeBox = await offlineReady.boundingBox();
      const headingBox = await page.getByRole('heading', { level: 1 }).boundingBox();
      expect(noticeBox && headingBox && headingBox.y >= noticeBox.y + noticeBox.height, 'the screen starts below the notice').toBe(true);

      await offlineReady.getByRole('button', { name: 'Close' }).click();
      await expect(offlineReady).toHaveCount(0);
    });

    test('"Ready to work offline" is news once: it is gone on the screen after', async ({ page }) => {
      await openHome(page);
      await waitForServiceWorkerControl(page);
      const offlineReady = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'About' }).click();
      await expect(offlineReady).toBeVisible();
      await nav.getByRole('link', { name: 'Home' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Radio locked?' })).toBeVisible();
      await expect(offlineReady).toHaveCount(0);
    });

    test('"Deleted — Undo" covers no card, brings the car back, and can be closed', async ({ page }) => {
      await openHome(page);
      await waitForServiceWorkerControl(page);
      for (let car = 0; car < 3; car++) {
        await startCase(page);
        await chooseGeneration(page);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
      }
      const cards = page.getByTestId('case-list').getByRole('listitem');
      await expect(cards).toHaveCount(3);

      await page.getByTestId('case-list').getByRole('link', { name: /^Car 2 / }).click();
      await expectStep(page, 'What does the radio show?');
      await page.getByRole('button', { name: 'Delete' }).click();
      const undo = page.getByRole('status').filter({ hasText: 'Deleted “Car 2”.' });
      await expect(cards).toHaveCount(2);
      await expectCoversNothing(page, undo, 'undo on Home');

      await undo.getByRole('button', { name: 'Undo' }).click();
      await expect(cards).toHaveCount(3);
      await expect(undo).toHaveCount(0);
      // The focus follows the car that came back, not the start of the page.
      await expect(page.getByTestId('case-list').getByRole('link', { name: /^Car 2 / })).toBeFocused();

      await page.getByTestId('case-list').getByRole('link', { name: /^Car 3 / }).click();
      await page.getByRole('button', { name: 'Delete' }).click();
      const closeable = page.getByRole('status').filter({ hasText: 'Deleted “Car 3”.' });
      await expectCoversNothing(page, closeable, 'undo on Home, second time');
      await closeable.getByRole('button', { name: 'Close' }).click();
      await expect(closeable).toHaveCount(0);
      await expect(cards).toHaveCount(2);
    });
  });
}
