// Lie-fi: the network looks up but nothing gets through. The app judges from what requests do, never from navigator.onLine alone.
import type { APIRequestContext, Page, Route } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { E2E_ADMIN_TOKEN } from './support/constants';
import { OFFLINE_CONSOLE_ERRORS } from './support/online-modes';
import { passCodeDispute } from './support/case-flow';

const OFFLINE_BANNER = 'Offline — everything here still works.';
/** The app's request timeout (sync/api-client DEFAULT_TIMEOUT_MS) plus room for a busy test machine. */
const REQUEST_TIMEOUT_MS = 20_000;
const WITHIN_TIMEOUT = { timeout: REQUEST_TIMEOUT_MS + 5_000 };

async function serverOrdersFor(request: APIRequestContext, serial: string) {
  const response = await request.get('/api/admin/orders?limit=500', { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { orders: Array<{ id: string; serial: string }> };
  return body.orders.filter((order) => order.serial === serial);
}

async function orderCode(page: Page, serial: string): Promise<void> {
  await page.getByRole('button', { name: 'Start with my car' }).click();
  await page.getByRole('button', { name: /^R55 \/ R56/ }).click();
  await page.getByRole('button', { name: /^CODE \(or/ }).click();
  await page.getByRole('button', { name: 'No, I need the code' }).click();
  await passCodeDispute(page, 'Find the serial number');
  await page.getByLabel('Serial number').fill(serial);
  await page.getByRole('button', { name: 'Continue with this serial' }).click();
  await page.getByLabel('E-mail address').fill('owner@example.com');
  await page.getByRole('button', { name: 'Order the code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waiting for your code' })).toBeVisible();
}

test('this browser’s own navigator.onLine after an offline reload is recorded, and the banner does not depend on it', async ({
  page,
  context,
  browser,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(...OFFLINE_CONSOLE_ERRORS);
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  const afterSetOffline = await page.evaluate(() => navigator.onLine);
  await page.reload();
  const afterReload = await page.evaluate(() => navigator.onLine);
  // Browser versions differ here (Chromium 150 reads true after the reload, others false): recorded, not relied on.
  const observed = `Chromium ${browser.version()}: navigator.onLine after setOffline(true) = ${afterSetOffline}, after an offline reload = ${afterReload}`;
  test.info().annotations.push({ type: 'navigator.onLine', description: observed });
  console.info(observed);
  await expect(page.getByText(OFFLINE_BANNER)).toBeVisible();
});

test('an owner orders on a connection that accepts and never answers: the order says so within the timeout, "Send now" answers, and once the network returns exactly one order reaches the service', async ({
  page,
  context,
  request,
  expectedConsoleErrors,
}) => {
  test.setTimeout(180_000);
  expectedConsoleErrors.push(...OFFLINE_CONSOLE_ERRORS);
  const serial = `BP${Date.now().toString().slice(-10)}LF`;
  // Playwright routes a service worker's own requests only behind an experimental flag, so a Background Sync
  // send would slip past the held route below: the page does not register the sync tag in this story
  // (the page's flusher is what is under test; the SW's Background Sync has its unit test in src/sw).
  await page.addInitScript(() => {
    if ('SyncManager' in window) (window as unknown as { SyncManager: { prototype: { register: () => Promise<void> } } }).SyncManager.prototype.register = async () => undefined;
  });
  await page.goto('/');
  await waitForServiceWorkerControl(page);

  // The car park's Wi-Fi: every request is accepted and never answered; navigator.onLine stays true.
  const held: Route[] = [];
  await context.route('**/api/**', (route) => void held.push(route));
  await orderCode(page, serial);
  const order = page.getByTestId('order-status');
  await expect(order).toHaveAttribute('data-phase', 'sending');

  // No "Sending…" for longer than the request's timeout: then the failure, in words, with the next try.
  await expect(order).toHaveAttribute('data-phase', 'waitingForSignal', WITHIN_TIMEOUT);
  await expect(page.getByTestId('order-attempt')).toHaveText(
    /^Tried at \d{1,2}:\d{2}(?: [AP]M)?: no answer within 20 seconds\. Next try from \d{1,2}:\d{2}(?: [AP]M)?, as soon as there is signal\.$/,
  );
  await expect(page.getByText(OFFLINE_BANNER)).toBeVisible();
  expect(held.some((route) => route.request().method() === 'POST')).toBe(true);

  // "Send now" always answers: busy at once, then the result of this very press.
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByRole('button', { name: 'Sending…' })).toBeVisible();
  await expect(page.getByTestId('send-now-result')).toHaveText('Tried just now — not sent yet.', WITHIN_TIMEOUT);
  await expect(page.getByRole('button', { name: 'Send now' })).toBeVisible();
  expect(await serverOrdersFor(request, serial)).toHaveLength(0);

  // The network comes back (no 'online' event: nothing changed as far as the browser knows); the re-probe finds out.
  await context.unroute('**/api/**');
  await expect(order).toHaveAttribute('data-phase', 'received', WITHIN_TIMEOUT);
  await expect(page.getByText(OFFLINE_BANNER)).toHaveCount(0);
  expect(await serverOrdersFor(request, serial)).toHaveLength(1);
});
