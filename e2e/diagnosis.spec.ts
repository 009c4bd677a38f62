import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import type { Page } from '@playwright/test';

const START = new Date('2026-11-24T09:00:00Z');

async function startCaseOffline(page: Page): Promise<void> {
  await page.clock.install({ time: START });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Start with my car' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Which MINI is it?' })).toBeVisible();
}

test.describe('guided recovery, offline, with a fake clock', () => {
  test('SAFE wait survives a reload, wrong codes lead to a lockout, and the code is finally accepted', async ({ page }) => {
    await startCaseOffline(page);
    await page.getByRole('button', { name: /^R55 \/ R56/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'What does the radio show?' })).toBeVisible();
    await page.getByRole('button', { name: /^SAFE/ }).click();

    const countdown = page.getByTestId('countdown');
    await expect(page.getByRole('heading', { level: 1, name: 'Wait for CODE' })).toBeVisible();
    await expect(countdown).toContainText('1:00:00');
    await expect(countdown).toContainText(/Ready at (10:00|10:00 AM|9:00|09:00)/);

    // Twenty minutes later the phone reloads the page: the countdown comes from the stored end time.
    await page.clock.fastForward('20:00');
    await page.reload();
    await expect(page.getByTestId('countdown')).toContainText('40:00');

    // The hour passes: the screen changes by itself.
    await page.clock.fastForward('40:01');
    await expect(page.getByRole('heading', { level: 1, name: 'Still SAFE after an hour' })).toBeVisible();
    await page.getByRole('button', { name: /^CODE \(or/ }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Do you have the code?' })).toBeVisible();
    await page.getByRole('button', { name: 'Yes, I have the code' }).click();
    await page.getByLabel('Radio code').fill('24135');
    await page.getByRole('button', { name: 'Show me the button presses' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Enter the code' })).toBeVisible();
    const steps = page.getByRole('list', { name: 'Button presses, tick each one off' });
    await expect(steps.getByRole('button')).toHaveCount(7); // five digits + read-back + hold to send
    await expect(steps.getByRole('button').first()).toContainText('press preset 1 until it shows 2');
    await steps.getByRole('button').first().click();
    await expect(steps.getByRole('button').first()).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('3 tries left.')).toBeVisible();

    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expect(page.getByText('2 tries left.')).toBeVisible();
    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expect(page.getByText('1 try left.')).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Last try');

    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Radio locked for an hour' })).toBeVisible();
    await expect(page.getByTestId('countdown')).toContainText('1:00:00');
    await page.reload();
    await expect(page.getByTestId('countdown')).toContainText(/1:00:00|59:5\d/);

    await page.clock.fastForward('01:00:01');
    await expect(page.getByRole('heading', { level: 1, name: 'Enter the code' })).toBeVisible();
    await expect(page.getByText('3 tries left.')).toBeVisible();
    await page.getByRole('button', { name: 'It works now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'The radio works' })).toBeVisible();
  });

  test('a VIN-bound late F60 goes to the dealer and offers no order', async ({ page }) => {
    await startCaseOffline(page);
    await page.getByRole('button', { name: /^F54 \/ F60/ }).click();
    await expect(page.getByText(/F60 Countryman from 2019–2023 with the NBT EVO/)).toBeVisible();
    await page.getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'A dealer must reset this radio' })).toBeVisible();
    await expect(page.getByRole('button', { name: /order/i })).toHaveCount(0);
    await expect(page.getByLabel('Serial number')).toHaveCount(0);
  });

  test('DISABLED is not a code lock and offers no order', async ({ page }) => {
    await startCaseOffline(page);
    await page.getByRole('button', { name: /^R50 \/ R52/ }).click();
    await page.getByRole('button', { name: /^DISABLED/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'This is not a code lock' })).toBeVisible();
    await expect(page.getByRole('button', { name: /order/i })).toHaveCount(0);
  });
});
