// Paid orders on the production build: a second server with payment on (Stripe SDK → local stand-in with a hosted "checkout page"),
// and the shared e2e server (payment off) for instant delivery from the code table.
import type { APIRequestContext, Page } from '@playwright/test';
import { startStripeStandIn, signEvent, type StripeStandIn } from '../src/server/payments/stripe-stand-in';
import { E2E_ADMIN_TOKEN } from './support/constants';
import { chooseGeneration, expectStep, placeOrder, reachFindSerial, startCase, uniqueSerial } from './support/case-flow';
import { expect, test, waitForServiceWorkerControl } from './support/fixtures';
import { freePort } from './support/free-port';
import { startServer, type RunningServer } from './support/server-process';

const WEBHOOK_SECRET = 'whsec_e2epaymentstandin';
const ADMIN_TOKEN = 'e2e-payment-admin-token-0123456789';

let standIn: StripeStandIn;
let paid: RunningServer;

test.beforeAll(async () => {
  const port = await freePort();
  standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET, webhookUrl: `http://127.0.0.1:${port}/api/payments/stripe` });
  paid = await startServer({
    port,
    distDir: 'dist',
    env: {
      STRIPE_SECRET_KEY: 'sk_test_e2estandin',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: standIn.url,
      ORDER_PRICE: '9.90 EUR',
      ADMIN_TOKEN,
      RATE_LIMIT_ORDERS_BURST: '1000',
      RATE_LIMIT_READS_BURST: '10000',
    },
  });
});

test.afterAll(async () => {
  await paid?.stop();
  await standIn?.close();
});

async function addCode(request: APIRequestContext, origin: string, token: string, serial: string, code: string): Promise<void> {
  const response = await request.post(`${origin}/api/admin/codes`, { headers: { Authorization: `Bearer ${token}` }, data: { serial, code } });
  expect(response.status()).toBe(200);
}

/** Home → a case that needs a code → the order form, on the given origin. */
async function reachOrderForm(page: Page, origin: string): Promise<void> {
  await page.goto(origin);
  await waitForServiceWorkerControl(page);
  await startCase(page);
  await chooseGeneration(page);
  await reachFindSerial(page);
}

async function goOrderOffline(page: Page, serial: string): Promise<void> {
  await page.context().setOffline(true);
  await placeOrder(page, serial);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'waitingForSignal');
}

test('paid: price shown offline, queued offline, paid on the hosted page, code from the table on the case, kept offline', async ({ page, request }) => {
  test.setTimeout(120_000);
  const serial = uniqueSerial();
  await addCode(request, paid.url, ADMIN_TOKEN, serial, '13579');
  await reachOrderForm(page, paid.url);
  await page.getByLabel('Serial number').fill(serial);
  await page.getByRole('button', { name: 'Continue with this serial' }).click();
  await expectStep(page, 'Order the code');
  await expect(page.getByTestId('order-price')).toHaveText('Price: €9.90. You pay on a secure Stripe page once the order is sent.');

  // In the car park: no signal. The last known price, said to be so; the order queues as before.
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByTestId('order-price')).toContainText('Price: €9.90 — the last known price');
  await page.getByLabel('E-mail address').fill('owner@example.com');
  await page.getByRole('button', { name: 'Order the code' }).click();
  await expectStep(page, 'Waiting for your code');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'waitingForSignal');
  await expect(page.getByRole('button', { name: /^Pay / })).toHaveCount(0);

  // Signal: the order is sent, the service asks for payment, "Pay €9.90" appears.
  await page.context().setOffline(false);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'awaitingPayment', { timeout: 20_000 });
  const pay = page.getByRole('button', { name: 'Pay €9.90' });
  await expect(pay).toBeVisible();
  // Offline again: no button, a sentence that nothing is lost.
  await page.context().setOffline(true);
  await expect(page.getByTestId('pay-offline')).toContainText('nothing is lost');
  await page.context().setOffline(false);

  await page.getByRole('button', { name: 'Pay €9.90' }).click();
  await expect(page).toHaveURL(new RegExp(`^${standIn.url}/pay/`));
  await expect(page.locator('#amount')).toHaveText('9.90 EUR');
  await page.getByRole('button', { name: 'Pay' }).click();

  // Back on the case: the webhook fulfilled it from the table; one poll brings the code.
  await expect(page).toHaveURL(new RegExp(`^${paid.url}/case/[^?]+$`));
  await expect(page.getByTestId('payment-return')).toContainText('payment received');
  await expectStep(page, 'Enter the code');
  await expect(page.locator('.code-display__digits')).toHaveText('13579');

  await page.context().setOffline(true);
  await page.reload();
  await expect(page.locator('.code-display__digits')).toHaveText('13579');
  await expect(page.getByTestId('payment-return')).toHaveCount(0);
});

test('cancelled on the hosted page: back on the case, still awaiting payment, and paying later works', async ({ page, request }) => {
  test.setTimeout(120_000);
  const serial = uniqueSerial();
  await addCode(request, paid.url, ADMIN_TOKEN, serial, '24680');
  await reachOrderForm(page, paid.url);
  await placeOrder(page, serial);
  await page.getByRole('button', { name: 'Pay €9.90' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('payment-return')).toContainText('Payment cancelled');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'awaitingPayment');

  // The tab is closed and opened again later: the same session, then paid.
  const caseUrl = page.url();
  await page.goto('about:blank');
  await page.goto(caseUrl);
  await page.getByRole('button', { name: 'Pay €9.90' }).click();
  expect(standIn.sessions.size).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.locator('.code-display__digits')).toHaveText('24680');
});

test('refund: a paid order staff cannot serve is refunded with a reason the customer sees', async ({ page, context }) => {
  test.setTimeout(120_000);
  const serial = uniqueSerial();
  await reachOrderForm(page, paid.url);
  await placeOrder(page, serial);
  await page.getByRole('button', { name: 'Pay €9.90' }).click();
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'paid');

  const staff = await context.newPage();
  await staff.goto(`${paid.url}/admin`);
  await staff.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  const card = staff.getByTestId('admin-order').filter({ hasText: serial.replace(/(.{4})(?=.)/g, '$1 ') });
  await expect(card.getByTestId('admin-payment')).toHaveText('Paid €9.90');
  await card.getByLabel('Reason for the refund (the customer sees it)').fill('We hold no code for this radio yet');
  await card.getByRole('button', { name: 'Refund the payment' }).click();
  await expect(card).toHaveCount(0);
  await staff.close();
  expect(standIn.refunds).toHaveLength(1);

  await page.getByRole('button', { name: 'Check for the code now' }).click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'refunded');
  await expect(page.getByTestId('order-status')).toContainText('We hold no code for this radio yet');
});

test('a forged webhook is refused and changes nothing', async ({ page, request }) => {
  const serial = uniqueSerial();
  await addCode(request, paid.url, ADMIN_TOKEN, serial, '11223');
  await reachOrderForm(page, paid.url);
  await placeOrder(page, serial);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'awaitingPayment', { timeout: 20_000 });
  const orders = await (await request.get(`${paid.url}/api/admin/orders?status=awaiting_payment&limit=500`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
  const order = (orders as { orders: Array<{ id: string; serial: string }> }).orders.find((o) => o.serial === serial)!;
  const forged = signEvent(
    { id: 'evt_forged', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_forged', object: 'checkout.session', client_reference_id: order.id, amount_total: 990, currency: 'eur', payment_status: 'paid', payment_intent: 'pi_forged' } } },
    'whsec_an_attackers_guess',
  );
  const answer = await request.post(`${paid.url}/api/payments/stripe`, { headers: { 'Stripe-Signature': forged.signature, 'Content-Type': 'application/json' }, data: forged.body });
  expect(answer.status()).toBe(400);
  await page.getByRole('button', { name: 'Check for the code now' }).click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'awaitingPayment');
  await expect(page.locator('.code-display__digits')).toHaveCount(0);
});

test('payment off: an order whose serial is in the code table is delivered on the first poll, no person involved', async ({ page, request, baseURL }) => {
  const serial = uniqueSerial();
  await addCode(request, baseURL!, E2E_ADMIN_TOKEN, serial, '97531');
  await reachOrderForm(page, baseURL!);
  await goOrderOffline(page, serial);
  await expect(page.getByRole('button', { name: /^Pay / })).toHaveCount(0);
  await page.context().setOffline(false);
  await expectStep(page, 'Enter the code');
  await expect(page.locator('.code-display__digits')).toHaveText('97531');
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.locator('.code-display__digits')).toHaveText('97531');
});
