// Keyboard only: Start → generation → display → code → entry coach with Tab, Shift+Tab, Enter and Space;
// every stop shows a focus ring that stands out, and each new step or screen puts the focus on its heading.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { waitForApp } from './support/case-flow';

interface FocusInfo {
  description: string;
  focusVisible: boolean;
  outlineWidth: number;
  /** Contrast of the focus ring against what is behind it (WCAG 1.4.11 asks 3:1). */
  ringContrast: number;
}

/** Reads the focused element's focus ring: :focus-visible, outline width and the ring's contrast with the background around it. */
async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { description: 'body', focusVisible: false, outlineWidth: 0, ringContrast: 0 };
    const parse = (colour: string): [number, number, number, number] => {
      const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    // The ring sits outside the element (outline-offset), so it is seen against the parent's background.
    let backdrop: HTMLElement | null = element.parentElement;
    let background = [255, 255, 255];
    while (backdrop) {
      const colour = parse(getComputedStyle(backdrop).backgroundColor);
      if (colour[3] > 0.5) {
        background = colour.slice(0, 3);
        break;
      }
      backdrop = backdrop.parentElement;
    }
    if (!backdrop) background = parse(getComputedStyle(document.body).backgroundColor).slice(0, 3);
    const style = getComputedStyle(element);
    const ring = parse(style.outlineColor);
    const [light, dark] = [luminance(ring), luminance(background)].sort((a, b) => b - a) as [number, number];
    return {
      description: `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`,
      focusVisible: element.matches(':focus-visible'),
      outlineWidth: style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth),
      ringContrast: (light + 0.05) / (dark + 0.05),
    };
  });
}

async function expectVisibleFocusRing(page: Page): Promise<void> {
  const info = await focusInfo(page);
  expect(info.focusVisible, `${info.description} matches :focus-visible`).toBe(true);
  expect(info.outlineWidth, `${info.description} has a focus outline`).toBeGreaterThanOrEqual(2);
  expect(info.ringContrast, `${info.description}: focus ring contrast`).toBeGreaterThanOrEqual(3);
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, checking the focus ring at every stop on the way. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    await expectVisibleFocusRing(page);
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`${String(target)} not reached with ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

async function expectHeadingFocused(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a case from Start to the entry coach with the keyboard only (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await waitForApp(page);

    // The first Tab reaches the skip link, which shows itself; Enter jumps over the navigation.
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await tabTo(page, skip, { max: 1 });
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Start with my car' }), { max: 1 });
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Which MINI is it?');

    // One generation too far, then Shift+Tab back.
    const r56 = page.getByRole('button', { name: /^R55 \/ R56/ });
    await tabTo(page, page.getByRole('button', { name: /^R60 \/ R61/ }));
    await tabTo(page, r56, { backwards: true, max: 1 });
    await page.keyboard.press('Space');
    await expectHeadingFocused(page, 'What does the radio show?');

    await tabTo(page, page.getByRole('button', { name: /^CODE \(or/ }));
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Do you have the code?');

    await tabTo(page, page.getByRole('button', { name: 'Yes, I have the code' }));
    await page.keyboard.press('Enter');
    // The field replaces the button: it takes the focus, so the user types straight away.
    await expect(page.getByLabel('Radio code')).toBeFocused();
    await expectVisibleFocusRing(page);
    await page.keyboard.type('24135');
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Enter the code');

    const steps = page.getByRole('list', { name: 'Button presses, tick each one off' }).getByRole('button');
    await tabTo(page, steps.first());
    await page.keyboard.press('Space');
    await expect(steps.first()).toHaveAttribute('aria-pressed', 'true');
    await tabTo(page, steps.nth(1), { max: 1 });
    await page.keyboard.press('Enter');
    await expect(steps.nth(1)).toHaveAttribute('aria-pressed', 'true');

    // The radio answers: wrong code, twice; each time the tries left take the focus (it is at the top of the step).
    const wrong = page.getByRole('button', { name: 'It said the code is wrong' });
    await tabTo(page, wrong);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('attempts-left')).toHaveText('2 tries left.');
    await expect(page.getByTestId('attempts-left')).toBeFocused();
    await tabTo(page, wrong);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Last try');
    await expect(page.getByRole('alert')).toBeFocused();
  });
}

test('the main navigation, the picker and renaming a car move the focus where the user continues', async ({ page }) => {
  await page.goto('/');
  await waitForApp(page);
  const nav = page.getByRole('navigation', { name: 'Main' });

  await tabTo(page, nav.getByRole('link', { name: 'Settings' }));
  await page.keyboard.press('Enter');
  await expectHeadingFocused(page, 'Settings');
  await tabTo(page, nav.getByRole('link', { name: 'About' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expectHeadingFocused(page, 'About');
  await tabTo(page, nav.getByRole('link', { name: 'Home' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expectHeadingFocused(page, 'Radio locked?');

  // A guide page, then its "start" button: the case screen loads the new car from the device first.
  await tabTo(page, page.getByRole('link', { name: /^F55 \/ F56/ }));
  await page.keyboard.press('Enter');
  await expectHeadingFocused(page, 'F55 / F56 / F57 (2014–2024)');
  await tabTo(page, page.getByRole('button', { name: 'Start with this MINI' }));
  await page.keyboard.press('Enter');
  await expectHeadingFocused(page, 'What does the radio show?');

  await page.getByRole('button', { name: 'Start over' }).focus();
  await page.keyboard.press('Enter');
  await expectHeadingFocused(page, 'Which MINI is it?');
  await tabTo(page, page.getByRole('button', { name: 'Not sure which MINI?' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Hatch', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  const year = page.getByLabel('Which year is the car?');
  await expect(year).toBeFocused();
  // Arrow keys walk the closed list (2024, 2023, 2022) without jumping to the next question; Next confirms.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(year).toHaveValue('2022');
  await expect(year).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Next' }), { max: 1 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Use this' })).toBeFocused();
  await expect(page.locator('.picker').getByRole('status')).toContainText('F55 / F56 / F57');

  await tabTo(page, page.getByRole('button', { name: /^Rename/ }), { backwards: true });
  await page.keyboard.press('Enter');
  const name = page.getByLabel('Name for this car');
  await expect(name).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Blue R56');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Rename Blue R56' })).toBeFocused();
});
