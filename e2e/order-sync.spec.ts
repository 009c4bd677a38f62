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
