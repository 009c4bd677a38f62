// Layout for thumbs and tired eyes: 320 px without sideways scrolling, 200 % text, 44 px targets,
// reduced motion, dark colours from the system, and the theme setting overriding them.
import type { Page } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import {
  chooseGeneration,
  expectStep,
  openHome,
  placeOrder,
  reachEntryCoach,
  reachFindSerial,
  reachSafeWait,
  startCase,
  uniqueSerial,
  waitForApp,
} from './support/case-flow';

type ScreenCheck = (page: Page, screen: string) => Promise<void>;

/**
 * Visits every main screen and the case steps with most on them (a car with a countdown, one with an
 * order, the entry coach, the lockout) and runs `check` on each.
 */
async function visitMainScreens(page: Page, check: ScreenCheck): Promise<void> {
  await openHome(page);
  await check(page, 'home, empty');

  await startCase(page);
  await check(page, 'case: identify');
  await page.getByRole('button', { name: 'Not sure which MINI?' }).click();
  await expect(page.getByRole('group', { name: 'Which body style is it?' })).toBeVisible();
  await check(page, 'case: picker');
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await chooseGeneration(page);
  await check(page, 'case: display');
  await reachSafeWait(page);
  await check(page, 'case: SAFE countdown');

  await page.getByRole('link', { name: 'Home' }).click();
  await startCase(page);
  await chooseGeneration(page);
  await reachEntryCoach(page);
  await check(page, 'case: entry coach');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'It said the code is wrong' }).click();
  await expectStep(page, 'Radio locked for an hour');
  await check(page, 'case: lockout');

  await page.getByRole('link', { name: 'Home' }).click();
  await startCase(page);
  await chooseGeneration(page);
  await reachFindSerial(page);
  await page.getByLabel('Serial number').fill('B0');
  await page.getByRole('button', { name: 'Continue with this serial' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await check(page, 'case: find serial, with an error');
  await placeOrder(page, uniqueSerial());
  await check(page, 'case: awaiting code');

  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('case-list').getByRole('listitem')).toHaveCount(3);
  await check(page, 'home with three cars');
  await page.getByRole('link', { name: /^R55 \/ R56/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^R55 \/ R56/ })).toBeVisible();
  await check(page, 'guide');
  for (const [link, title] of [
    [/^Orders/, 'Orders'],
    [/^Settings$/, 'Settings'],
    [/^About$/, 'About'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await check(page, title);
  }
  await page.goto('/admin');
  await expect(page.getByLabel('Admin token')).toBeVisible();
  await check(page, 'admin');
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await check(page, 'not found');
}

/** Soft-fails with the elements that stick out to the right, so a failure names its culprits. */
const expectNoHorizontalScroll: ScreenCheck = async (page, screen) => {
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const width = root.clientWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} right=${Math.round(element.getBoundingClientRect().right)}`);
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
  expect.soft(overflow.scrollWidth, `${screen}: page wider than the screen (${overflow.culprits.join(', ')})`).toBeLessThanOrEqual(overflow.clientWidth);
};

test.describe('320 px wide (WCAG 1.4.10 reflow)', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('no screen scrolls sideways', async ({ page }) => {
    await visitMainScreens(page, expectNoHorizontalScroll);
  });
});

/** Every button, link and field in the header, main content and toasts is at least 44×44 CSS px (inline links in a sentence excepted). */
const expectLargeTargets: ScreenCheck = async (page, screen) => {
  const small = await page.evaluate(() => {
    const candidates = document.querySelectorAll<HTMLElement>(
      '.app-header a[href]:not(.skip-link), main a[href], main button, main select, main input:not([type="radio"]):not([type="checkbox"]), main summary, main label:has(> input[type="radio"], > input[type="checkbox"]), .toast button',
    );
    const inSentence = (element: HTMLElement) =>
      element.tagName === 'A' &&
      getComputedStyle(element).display === 'inline' &&
      (element.parentElement?.textContent ?? '').trim() !== (element.textContent ?? '').trim();
    return [...candidates]
      .filter((element) => element.getClientRects().length > 0 && !inSentence(element))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 - 0.5 || box.height < 44 - 0.5)
      .map(({ element, box }) => `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
  expect.soft(small, `${screen}: targets smaller than 44×44`).toEqual([]);
};

test('touch targets are at least 44×44 CSS px on every main screen', async ({ page }) => {
  await visitMainScreens(page, expectLargeTargets);
});

/** Text at 200 %: what a phone's "largest text" setting does to rem-based sizes. Set through CSSOM (the CSP blocks <style>). */
async function doubleTextSize(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('34px');
}

test.describe('200 % text', () => {
  test('still no sideways scrolling, and headings and buttons keep their words whole', async ({ page }) => {
    await visitMainScreens(page, async (current, screen) => {
      // Set once on the first screen; a full page load (admin, not found) starts at 100 % again.
      if ((await current.evaluate(() => document.documentElement.style.fontSize)) !== '200%') await doubleTextSize(current);
      await expectNoHorizontalScroll(current, `${screen} at 200 %`);
      const clipped = await current.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main h1, main h2, main button, main a[href], main label, .app-header a')]
          .filter((element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible')
          .map((element) => (element.textContent ?? '').trim().slice(0, 30)),
      );
      expect.soft(clipped, `${screen} at 200 %: clipped text`).toEqual([]);
    });
  });

  test('the toast never covers the focused control (WCAG 2.4.11)', async ({ page }) => {
    await openHome(page);
    await waitForServiceWorkerControl(page);
    const toast = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
    await doubleTextSize(page);
    await startCase(page);
    await expect(toast).toBeVisible(); // it comes with the next screen the user opens
    await chooseGeneration(page);
    await reachEntryCoach(page);
    await expect(toast).toBeVisible();

    // Tab through everything from the heading to the end of the page, looking at each focused control.
    await page.getByRole('heading', { level: 1 }).focus();
    const covered: string[] = [];
    let visited = 0;
    for (; visited < 80; visited++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement | null;
        const toastBox = document.querySelector('.toast')?.getBoundingClientRect();
        if (!focused || !toastBox || focused.closest('.toast') || !focused.closest('main')) return { inMain: false, covered: null };
        const box = focused.getBoundingClientRect();
        const overlaps = box.bottom > toastBox.top && box.top < toastBox.bottom && box.right > toastBox.left && box.left < toastBox.right;
        return { inMain: true, covered: overlaps ? `${focused.tagName.toLowerCase()} "${(focused.textContent ?? '').trim().slice(0, 30)}"` : null };
      });
      if (!state.inMain) break;
      if (state.covered) covered.push(state.covered);
    }
    expect(visited, 'controls tabbed through in the case screen').toBeGreaterThan(10);
    expect(covered, 'focused controls under the toast').toEqual([]);
  });
});

test.describe('prefers-reduced-motion', () => {
  const transitionsOn = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => {
          const style = getComputedStyle(element);
          const moving = (durations: string) => durations.split(',').some((duration) => Number.parseFloat(duration) > 0);
          return moving(style.transitionDuration) || (style.animationName !== 'none' && moving(style.animationDuration));
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );

  test('with "reduce", nothing transitions or animates; without it, buttons do (so the check can fail)', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openHome(page);
    await startCase(page);
    await chooseGeneration(page);
    expect((await transitionsOn(page)).length).toBeGreaterThan(0);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => transitionsOn(page)).toEqual([]);
    await reachSafeWait(page);
    expect(await transitionsOn(page)).toEqual([]);
  });
});

test.describe('colour scheme', () => {
  const LIGHT_BG = 'rgb(246, 250, 248)';
  const DARK_BG = 'rgb(12, 21, 18)';
  const body = (page: Page) => page.locator('body');

  test('the system preference chooses the colours, and follows a change live', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openHome(page, { clock: false });
    await expect(body(page)).toHaveCSS('background-color', DARK_BG);
    await expect(body(page)).toHaveCSS('color', 'rgb(232, 241, 236)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(body(page)).toHaveCSS('background-color', LIGHT_BG);
    await expect(body(page)).toHaveCSS('color', 'rgb(16, 32, 26)');
  });

  test('the theme setting overrides the system, survives a reload, and "Like the device" hands back', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openHome(page, { clock: false });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const appearance = page.getByRole('group', { name: 'Appearance' });
    await expect(appearance.getByRole('radio', { name: 'Like the device' })).toBeChecked();

    await appearance.getByRole('radio', { name: 'Light' }).check();
    await expect(body(page)).toHaveCSS('background-color', LIGHT_BG);
    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('group', { name: 'Appearance' }).getByRole('radio', { name: 'Light' })).toBeChecked();
    await expect(body(page)).toHaveCSS('background-color', LIGHT_BG);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('group', { name: 'Appearance' }).getByRole('radio', { name: 'Dark' }).check();
    await expect(body(page)).toHaveCSS('background-color', DARK_BG);
    // Form controls follow too (color-scheme), not only our own colours.
    await expect(page.locator('html')).toHaveCSS('color-scheme', 'dark');

    await page.getByRole('group', { name: 'Appearance' }).getByRole('radio', { name: 'Like the device' }).check();
    await expect(body(page)).toHaveCSS('background-color', LIGHT_BG);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(body(page)).toHaveCSS('background-color', DARK_BG);
  });
});

test.describe('field outlines (WCAG 1.4.11 non-text contrast)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`text fields and selects stand out 3:1 from the page (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openHome(page, { clock: false });
      await startCase(page);
      await chooseGeneration(page);
      await reachFindSerial(page);
      const ratios = await page.locator('main input:not([type="radio"]):not([type="checkbox"]), main select').evaluateAll((fields) => {
        const parse = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = (rgb: number[]) =>
          rgb
            .slice(0, 3)
            .map((value) => value / 255)
            .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
            .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
        const backdrop = (element: HTMLElement) => {
          for (let node = element.parentElement; node; node = node.parentElement) {
            const colour = parse(getComputedStyle(node).backgroundColor);
            if ((colour[3] ?? 1) > 0.5) return colour;
          }
          return parse(getComputedStyle(document.body).backgroundColor);
        };
        return fields.map((field) => {
          const [a, b] = [luminance(parse(getComputedStyle(field).borderTopColor)), luminance(backdrop(field as HTMLElement))].sort((x, y) => y - x) as [number, number];
          return { field: field.id, ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100 };
        });
      });
      expect(ratios.length).toBeGreaterThan(0);
      for (const { field, ratio } of ratios) expect(ratio, `#${field} outline contrast`).toBeGreaterThanOrEqual(3);
    });
  }
});
