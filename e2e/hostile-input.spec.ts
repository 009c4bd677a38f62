// Script payloads in case labels and cancel reasons stay text everywhere they are shown: the admin screen, the home list, the orders screen and the order status.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { chooseGeneration, openHome, placeOrder, reachFindSerial, startCase, uniqueSerial } from './support/case-flow';
import { E2E_ADMIN_TOKEN } from './support/constants';

/**
 * Labels are at most 80 characters, so one carries several payloads. One order only: every spec shares
 * the e2e server's order limit for 127.0.0.1 (10, then 2 a minute).
 */
const HOSTILE_LABELS = ['<img src=x onerror=alert(1)><script>alert(2)</script>"><svg onload=alert(3)>'];
const HOSTILE_RENAME = '<img src=x onerror=alert(4)> & <script>alert(5)</script>';
const HOSTILE_REASON = '<img src=x onerror=alert(6)><a href="javascript:alert(7)">x</a>';

const groupSerial = (serial: string) => serial.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Records every dialog the page opens. The probe proves the listener works: a page-initiated alert
 * from the test itself is seen (and dismissed), so "no dialog" below means none fired.
 */
async function watchDialogs(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.evaluate(() => alert('probe'));
  await expect.poll(() => dialogs).toEqual(['probe']);
  dialogs.length = 0;
  return dialogs;
}

/** Elements a payload would have created if any text had been parsed as HTML. */
async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const handlers = element.getAttributeNames().filter((name) => name.startsWith('on'));
      if (handlers.length > 0) found.push(`<${element.localName} ${handlers.join(' ')}>`);
    }
    for (const element of Array.from(document.querySelectorAll('img[src="x"], iframe, a[href^="javascript:"], svg[onload]'))) found.push(element.outerHTML.slice(0, 80));
    for (const script of Array.from(document.scripts)) if (script.text.includes('alert(')) found.push(`<script>${script.text.slice(0, 40)}`);
    return found;
  });
}

async function signInAsStaff(page: Page): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admin-orders')).toBeVisible();
}

test('hostile case labels sent to the API show as plain text on the admin screen', async ({ page, request }) => {
  const orders = HOSTILE_LABELS.map((caseLabel, i) => ({ caseLabel, serial: `${uniqueSerial()}${i}` }));
  for (const order of orders) {
    const response = await request.post('/api/orders', {
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      data: { serial: order.serial, email: 'staff-check@example.com', generation: 'r55-r59', locale: 'en', caseLabel: order.caseLabel },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  await page.goto('/');
  const dialogs = await watchDialogs(page);
  await signInAsStaff(page);
  for (const order of orders) {
    const card = page.getByTestId('admin-order').filter({ hasText: groupSerial(order.serial) });
    await expect(card).toHaveCount(1);
    // The label is the text of its own element, character for character.
    await expect(card.getByText(order.caseLabel, { exact: true })).toBeVisible();
    expect(await card.innerHTML()).toContain(order.caseLabel.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
  }
  expect(await injectedElements(page)).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('a hostile label given in the app and a hostile cancel reason stay text on every screen', async ({ page, context }) => {
  await openHome(page, { clock: false });
  const dialogs = await watchDialogs(page);

  // Rename the car to a payload.
  await startCase(page);
  await page.getByRole('button', { name: /^Rename/ }).click();
  await page.getByLabel('Name for this car').fill(HOSTILE_RENAME);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.case__label-text')).toHaveText(HOSTILE_RENAME);

  // The home list shows it as text.
  await page.goto('/');
  await expect(page.locator('.case-item__label')).toHaveText([HOSTILE_RENAME]);
  expect(await injectedElements(page)).toEqual([]);

  // Order a code for that car: the label travels with the order.
  await page.locator('.case-item__link').first().click();
  await chooseGeneration(page);
  await reachFindSerial(page);
  const serial = uniqueSerial();
  await placeOrder(page, serial);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'received', { timeout: 20_000 });

  await page.goto('/orders');
  await expect(page.locator('.order-list__label')).toHaveText([HOSTILE_RENAME]);
  expect(await injectedElements(page)).toEqual([]);

  // Staff see it as text too, and cancel with a hostile reason.
  const staff = await context.newPage();
  const staffDialogs = await watchDialogs(staff);
  await signInAsStaff(staff);
  const card = staff.getByTestId('admin-order').filter({ hasText: groupSerial(serial) });
  await expect(card.getByText(HOSTILE_RENAME, { exact: true })).toBeVisible();
  await card.getByLabel('Reason').fill(HOSTILE_REASON);
  await card.getByRole('button', { name: /^Cancel/ }).click();
  await expect(staff.getByTestId('admin-order').filter({ hasText: groupSerial(serial) })).toHaveCount(0);
  expect(await injectedElements(staff)).toEqual([]);
  await staff.close();

  // The device learns the cancellation and shows the reason as text.
  const status = page.getByTestId('order-status');
  await status.getByRole('button', { name: 'Check for the code now' }).click();
  await expect(status).toHaveAttribute('data-phase', 'cancelled', { timeout: 20_000 });
  await expect(status).toContainText(HOSTILE_REASON);
  expect(await injectedElements(page)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(staffDialogs).toEqual([]);
});
