// A mechanic with six MINIs: the home list shows first what needs a hand (time up, lockout over, code arrived,
// then countdowns by their end), each card tells the cars apart, and clocks follow the reader's region.
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { E2E_ADMIN_TOKEN } from './support/constants';
import { START, chooseGeneration, passCodeDispute, expectStep, openHome, placeOrder, reachFindSerial, reachSafeWait, reportDisplay, startCase, uniqueSerial, CODE } from './support/case-flow';

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
const MINUTE = 60_000;

async function goHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Radio locked?' })).toBeVisible();
}

async function openCar(page: Page, label: string): Promise<void> {
  await page.getByTestId('case-list').getByRole('link', { name: new RegExp(`^${label} `) }).click();
}

/** Staff send the code for this serial, as the admin screen does. */
async function fulfil(request: APIRequestContext, serial: string, code: string): Promise<void> {
  const list = await request.get('/api/admin/orders?limit=500', { headers: admin });
  const { orders } = (await list.json()) as { orders: Array<{ id: string; serial: string }> };
  const order = orders.find((candidate) => candidate.serial === serial);
  expect(order, `order for ${serial} on the server`).toBeDefined();
  const answer = await request.post(`/api/admin/orders/${order?.id}/fulfil`, { headers: admin, data: { code } });
  expect(answer.status()).toBe(200);
}

test('a mechanic with six cars sees first what needs a hand next, and each card tells the cars apart', async ({ page, request }) => {
  test.setTimeout(120_000);
  await openHome(page);

  // 09:00 — six cars come in. Car 1 shows CODE and nobody has the code yet.
  await startCase(page);
  await chooseGeneration(page);
  await reportDisplay(page, CODE);
  await expectStep(page, 'Do you have the code?');

  // Car 2 was mis-entered by its owner: WAIT, an hour's lockout.
  await goHome(page);
  await startCase(page);
  await chooseGeneration(page);
  await reportDisplay(page, /^WAIT/);
  await expectStep(page, 'Radio locked for an hour');

  // Car 3 shows SAFE: an hour's wait.
  await goHome(page);
  await startCase(page);
  await chooseGeneration(page);
  await reachSafeWait(page);

  // Car 4 needs a code from the order service.
  await goHome(page);
  await startCase(page);
  await chooseGeneration(page);
  await reachFindSerial(page);
  const serial = uniqueSerial();
  await placeOrder(page, serial);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'received', { timeout: 20_000 });

  // Cars 5 and 6 are identified; the mechanic gets to their radios later (6 before 5).
  for (let car = 5; car <= 6; car++) {
    await goHome(page);
    await startCase(page);
    await chooseGeneration(page);
  }

  // From here the clock is set by hand, so the countdowns read exactly. 09:20 — Car 6 shows SAFE (ready at
  // 10:20); 09:30 — Car 5 shows WAIT (ready at 10:30): created first, it ends last.
  await page.clock.setFixedTime(START.getTime() + 20 * MINUTE);
  await goHome(page);
  await openCar(page, 'Car 6');
  await reachSafeWait(page);
  await page.clock.setFixedTime(START.getTime() + 30 * MINUTE);
  await goHome(page);
  await openCar(page, 'Car 5');
  await reportDisplay(page, /^WAIT/);
  await expectStep(page, 'Radio locked for an hour');

  // Staff send Car 4's code; the app fetches it.
  await fulfil(request, serial, '24135');
  await goHome(page);
  await openCar(page, 'Car 4');
  await page.getByRole('button', { name: 'Check for the code now' }).click();
  await expectStep(page, 'Enter the code');

  // 10:05 — both hour-long waits that began at 09:00 are over.
  await page.clock.setFixedTime(START.getTime() + 65 * MINUTE);
  await goHome(page);

  const cards = page.getByTestId('case-list').getByRole('listitem');
  await expect(cards).toHaveCount(6);
  await expect(cards.locator('.case-item__label')).toHaveText(['Car 3', 'Car 2', 'Car 4', 'Car 6', 'Car 5', 'Car 1']);
  const text = (parts: string[]) => parts.join('');
  await expect(cards.nth(0)).toHaveText(text(['Car 3', 'R55–R59', 'Time is up — check the radio', 'Ended at 10:00']));
  await expect(cards.nth(1)).toHaveText(text(['Car 2', 'R55–R59', 'Lockout time is up — look at the radio', 'Ended at 10:00']));
  await expect(cards.nth(2)).toHaveText(text(['Car 4', 'R55–R59', 'Code arrived — ready to enter']));
  await expect(cards.nth(3)).toHaveText(text(['Car 6', 'R55–R59', 'Wait for CODE', '15:00 · ready at 10:20']));
  await expect(cards.nth(4)).toHaveText(text(['Car 5', 'R55–R59', 'Radio locked for an hour', '25:00 · ready at 10:30']));
  await expect(cards.nth(5)).toHaveText(text(['Car 1', 'R55–R59', 'Do you have the code?']));

  // "Lockout over" is highlighted just like "time is up"; nothing else is.
  for (const index of [0, 1]) await expect(cards.nth(index)).toHaveClass(/case-item--due/);
  for (const index of [2, 3, 4, 5]) await expect(cards.nth(index)).not.toHaveClass(/case-item--due/);
  // The generation's long name is on the guide links, not repeated on every card.
  await expect(page.getByTestId('case-list')).not.toContainText('R55 / R56 / R57');
});

test.describe('clock in the reader’s region', () => {
  test('en-GB shows the 24-hour clock on the countdown and the list', async ({ page }) => {
    await openHome(page);
    await startCase(page);
    await chooseGeneration(page);
    await page.clock.fastForward('12:00:00'); // 21:00, so a 12-hour clock could not pass for a 24-hour one
    await reportDisplay(page, /^SAFE/);
    await passCodeDispute(page, 'Wait for CODE');
    await expect(page.getByTestId('countdown')).toContainText('Ready at 22:00');
    await goHome(page);
    await expect(page.getByTestId('case-list')).toContainText('ready at 22:00');
    await expect(page.getByTestId('case-list')).not.toContainText(/PM/i);
  });

  test.describe('en-US', () => {
    test.use({ locale: 'en-US' });
    test('shows the 12-hour clock', async ({ page }) => {
      await openHome(page);
      await startCase(page);
      await chooseGeneration(page);
      await page.clock.fastForward('12:00:00');
      await reportDisplay(page, /^SAFE/);
      await passCodeDispute(page, 'Wait for CODE');
      await expect(page.getByTestId('countdown')).toContainText(/Ready at 10:00\sPM/);
    });
  });
});
