import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { E2E_ADMIN_TOKEN } from './support/constants';
import type { APIRequestContext, Page } from '@playwright/test';
import { passCodeDispute } from './support/case-flow';
import { emulateOnLine, goOffline, goOnline, OFFLINE_CONSOLE_ERRORS, ONLINE_MODES } from './support/online-modes';

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

async function serverOrdersFor(request: APIRequestContext, serial: string) {
  const response = await request.get('/api/admin/orders?limit=500', { headers: admin });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { orders: Array<{ id: string; serial: string; status: string; code?: string }> };
  return body.orders.filter((order) => order.serial === serial);
}

async function openCaseNeedingCode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start with my car' }).click();
  await page.getByRole('button', { name: /^R55 \/ R56/ }).click();
  await page.getByRole('button', { name: /^CODE \(or/ }).click();
  await page.getByRole('button', { name: 'No, I need the code' }).click();
  await passCodeDispute(page, 'Find the serial number');
}

for (const mode of ONLINE_MODES) {
  test(`an order placed offline is sent exactly once after reconnecting, and its code comes back to the device (navigator.onLine ${mode})`, async ({ page, context, request, expectedConsoleErrors }) => {
    await emulateOnLine(context, mode);
    expectedConsoleErrors.push(...OFFLINE_CONSOLE_ERRORS);
    const serial = `BP${Date.now().toString().slice(-10)}AB`;
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await goOffline(page, mode);

    await openCaseNeedingCode(page);
    await page.getByLabel('Serial number').fill(serial.toLowerCase().replace(/(.{4})/g, '$1 '));
    await expect(page.getByText(/Check it against the label/)).toContainText(serial.slice(0, 4));
    await page.getByRole('button', { name: 'Continue with this serial' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Order the code' })).toBeVisible();
    await page.getByLabel('E-mail address').fill('not-an-address');
    await page.getByRole('button', { name: 'Order the code' }).click();
    await expect(page.getByRole('alert')).toContainText('does not look right');
    await page.getByLabel('E-mail address').fill('owner@example.com');
    await page.getByRole('button', { name: 'Order the code' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Waiting for your code' })).toBeVisible();
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'waitingForSignal');
    await expect(page.getByTestId('pending-orders')).toContainText('1');

    // Still offline, the phone reloads the app: the order is still waiting on the device.
    await page.reload();
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'waitingForSignal');
    expect(await serverOrdersFor(request, serial)).toHaveLength(0);

    // Back online: the outbox sends it by itself (a lying browser gives no 'online' event: the re-probe finds out).
    await goOnline(page, mode);
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'received', { timeout: 20_000 });
    await expect(page.getByTestId('pending-orders')).toHaveCount(0);
    const stored = await serverOrdersFor(request, serial);
    expect(stored).toHaveLength(1);

    // Staff fulfil it on the admin screen.
    const staff = await context.newPage();
    await staff.goto('/admin');
    await staff.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    const grouped = serial.replace(/(.{4})(?=.)/g, '$1 ');
    const card = staff.getByTestId('admin-order').filter({ hasText: grouped });
    await expect(card).toHaveCount(1);
    await card.getByLabel('Radio code').fill('24135');
    await card.getByRole('button', { name: 'Send the code' }).click();
    await expect(staff.getByTestId('admin-order').filter({ hasText: grouped })).toHaveCount(0);
    await staff.close();

    // The app asks for the status and the case moves on to code entry with the delivered code.
    await page.getByRole('button', { name: 'Check for the code now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Enter the code' })).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('.code-display__digits')).toHaveText('24135');

    // Offline again, after a reload: the code is still on the phone.
    await goOffline(page, mode);
    await page.reload();
    await expect(page.locator('.code-display__digits')).toHaveText('24135');
    await page.goto('/orders');
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'delivered');
    await expect(page.getByTestId('order-status')).toContainText('24135');
    const final = await serverOrdersFor(request, serial);
    expect(final).toHaveLength(1); // still exactly one order on the server, now fulfilled
    expect(final[0]).toMatchObject({ id: stored[0]?.id, status: 'fulfilled', code: '24135' });
  });
}

async function orderOffline(page: Page, serial: string): Promise<void> {
  await openCaseNeedingCode(page);
  await page.getByLabel('Serial number').fill(serial);
  await page.getByRole('button', { name: 'Continue with this serial' }).click();
  await page.getByLabel('E-mail address').fill('owner@example.com');
  await page.getByRole('button', { name: 'Order the code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waiting for your code' })).toBeVisible();
}

test('a car deleted while its order waits offline takes that order with it (Undo brings both back); it is never sent', async ({ page, context, request, expectedConsoleErrors }) => {
  expectedConsoleErrors.push(...OFFLINE_CONSOLE_ERRORS);
  const stamp = Date.now().toString().slice(-10);
  const [deletedSerial, keptSerial] = [`BP${stamp}CD`, `BP${stamp}EF`];
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);

  // Deleted by mistake, still offline: the order that never left the phone goes with the car, and the notice says so.
  await orderOffline(page, deletedSerial);
  await page.getByRole('button', { name: 'Delete' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'with its order that had not been sent yet.' });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('case-list')).toContainText('Car 1');
  await nav.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('order-status')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Open this car' })).toHaveCount(1);

  // Deleted for good: the order is gone from the phone.
  await page.getByRole('link', { name: 'Open this car' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(toast).toBeVisible();
  await nav.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByText('No orders yet.')).toBeVisible();

  // Another car orders; back online, its order goes out, and the deleted car's never does.
  await nav.getByRole('link', { name: 'Home' }).click();
  await orderOffline(page, keptSerial);
  await context.setOffline(false);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'received', { timeout: 20_000 });
  expect(await serverOrdersFor(request, keptSerial)).toHaveLength(1);
  expect(await serverOrdersFor(request, deletedSerial)).toHaveLength(0);
});
