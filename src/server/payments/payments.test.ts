// Paid orders end to end in-process: the real app and the real Stripe SDK against the local stand-in; events signed by the SDK (SQLite, and PostgreSQL with TEST_DATABASE_URL).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOrder, CheckoutAnswer, OrderReceipt, OrderStatusReport } from '../../domain/order';
import { createMailOutboxRepo } from '../mail-outbox-repo';
import { createTestApp, postgresSuitePlan, postOrder, validOrderBody, type TestApp, type TestEngine } from '../testing';
import { createStripeGateway } from './stripe-gateway';
import { signEvent, startStripeStandIn, type SignedEvent, type StripeStandIn } from './stripe-stand-in';

const WEBHOOK_SECRET = 'whsec_testsecret0123456789';
const PRICE = { amount: 990, currency: 'EUR' };
const IN_TABLE = 'AP1234567890';
const NOT_IN_TABLE = 'CD9876543210';

const plan = postgresSuitePlan();
const engines: TestEngine[] = plan.run ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('payments on %s', (engine) => {
  let standIn: StripeStandIn;
  let t: TestApp;

  beforeAll(async () => {
    standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await standIn.close();
  });
  afterEach(async () => {
    await t?.close();
  });

  async function start(clock?: () => number): Promise<TestApp> {
    const gateway = createStripeGateway({ secretKey: 'sk_test_standin', webhookSecret: WEBHOOK_SECRET, apiUrl: new URL(standIn.url), maxNetworkRetries: 2 });
    t = await createTestApp({ engine, payment: { gateway, price: PRICE }, ...(clock ? { clock } : {}) });
    const imported = await t.codeTable.importRows([{ serial: IN_TABLE, code: '4321' }], new Date());
    expect(imported.ok).toBe(true);
    return t;
  }

  async function order(serial: string): Promise<OrderReceipt> {
    const response = await postOrder(t.app, { body: validOrderBody({ serial }) });
    expect(response.status).toBe(201);
    return (await response.json()) as OrderReceipt;
  }

  async function status(receipt: OrderReceipt): Promise<OrderStatusReport> {
    const response = await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as OrderStatusReport;
  }

  async function checkout(receipt: OrderReceipt, returnPath = '/case/abc'): Promise<Response> {
    return t.app.request(`/api/orders/${receipt.id}/checkout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${receipt.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ returnPath }),
    });
  }

  async function sessionFor(receipt: OrderReceipt): Promise<string> {
    const response = await checkout(receipt);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as CheckoutAnswer;
    return url.split('/').pop() ?? '';
  }

  async function webhook(event: SignedEvent, signature = event.signature): Promise<Response> {
    return t.app.request('/api/payments/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: event.body });
  }

  async function mails(kind: 'code' | 'refund', orderId: string): Promise<number> {
    return (await createMailOutboxRepo(t.db).list()).filter((entry) => entry.kind === kind && entry.orderId === orderId).length;
  }

  async function admin(path: string, init: RequestInit = {}): Promise<Response> {
    return t.app.request(`/api/admin${path}`, { ...init, headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json', ...init.headers } });
  }

  it('GET /api/price tells the app what an order costs', async () => {
    await start();
    expect(await (await t.app.request('/api/price')).json()).toEqual({ payment: 'on', price: PRICE });
  });

  it('an order waits for payment with its price, and the answer is the same whether or not its serial is in the code table', async () => {
    await start();
    const known = await order(IN_TABLE);
    const unknown = await order(NOT_IN_TABLE);
    expect(known.status).toBe('awaiting_payment');
    const [a, b] = [await status(known), await status(unknown)];
    expect(a).toEqual({ id: known.id, status: 'awaiting_payment', price: PRICE, updatedAt: expect.any(String) });
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect({ ...a, id: '', updatedAt: '' }).toEqual({ ...b, id: '', updatedAt: '' });
  });

  it('checkout creates one session per order and reuses it; success and cancel lead back to the case', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const before = standIn.requests.length;
    const [first, second] = await Promise.all([checkout(receipt), checkout(receipt)]);
    const urls = [((await first.json()) as CheckoutAnswer).url, ((await second.json()) as CheckoutAnswer).url];
    expect(urls[0]).toBe(urls[1]);
    const again = (await (await checkout(receipt)).json()) as CheckoutAnswer;
    expect(again.url).toBe(urls[0]);
    const created = standIn.requests.slice(before).filter((request) => request.path === '/v1/checkout/sessions');
    // Racing requests may both reach Stripe, but with one idempotency key, so one session exists.
    expect(new Set(created.map((request) => request.idempotencyKey))).toEqual(new Set([`checkout:${receipt.id}:0`]));
    const session = standIn.sessions.get(urls[0]!.split('/').pop()!)!;
    expect(session).toMatchObject({ orderId: receipt.id, amount: 990, currency: 'eur' });
    expect(session.successUrl).toMatch(/\/case\/abc\?paid=1$/);
    expect(session.cancelUrl).toMatch(/\/case\/abc\?payment=cancelled$/);
  });

  it('a return path other than a case or the orders list is not used (no open redirect)', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const response = await checkout(receipt, '//evil.example/x');
    const id = ((await response.json()) as CheckoutAnswer).url.split('/').pop()!;
    expect(standIn.sessions.get(id)?.successUrl).toMatch(/^http:\/\/localhost\/orders\?paid=1$/);
  });

  it('checkout with a wrong token is 404, and 409 once the order is no longer awaiting payment', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    expect((await checkout({ ...receipt, token: 'x'.repeat(22) })).status).toBe(404);
    await webhook(standIn.completedEvent(await sessionFor(receipt)));
    const late = await checkout(receipt);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'order.notAwaitingPayment' });
  });

  it('the SDK retries a failing Stripe API with the same idempotency key', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const before = standIn.requests.length;
    standIn.failNext(2);
    expect((await checkout(receipt)).status).toBe(200);
    const attempts = standIn.requests.slice(before);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((request) => request.idempotencyKey)).size).toBe(1);
  });

  it('paid with the serial in the table: fulfilled in the webhook, code on the status, one code mail; a replay changes nothing', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const event = standIn.completedEvent(await sessionFor(receipt));
    const first = await webhook(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'fulfilled' });
    expect(await status(receipt)).toMatchObject({ status: 'fulfilled', code: '4321' });
    expect(await (await webhook(event)).json()).toMatchObject({ outcome: 'duplicate' });
    expect(await mails('code', receipt.id)).toBe(1);
  });

  it('paid with an unknown serial: joins the staff queue as paid, with what was paid', async () => {
    await start();
    const receipt = await order(NOT_IN_TABLE);
    await webhook(standIn.completedEvent(await sessionFor(receipt)));
    expect(await status(receipt)).toEqual({ id: receipt.id, status: 'paid', updatedAt: expect.any(String) });
    const queue = (await (await admin('/orders?status=queue')).json()) as { orders: AdminOrder[] };
    expect(queue.orders.map((o) => [o.id, o.status, o.paid])).toEqual([[receipt.id, 'paid', PRICE]]);
  });

  it('a bad signature is refused with 400 and changes nothing; so is an unsigned or stale body', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const event = standIn.completedEvent(await sessionFor(receipt));
    const forged = signEvent(JSON.parse(event.body) as Record<string, unknown>, 'whsec_not_the_secret');
    expect((await webhook(event, forged.signature)).status).toBe(400);
    expect((await t.app.request('/api/payments/stripe', { method: 'POST', body: event.body })).status).toBe(400);
    const stale = signEvent(JSON.parse(event.body) as Record<string, unknown>, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600);
    expect((await webhook(stale)).status).toBe(400);
    expect((await status(receipt)).status).toBe('awaiting_payment');
    // The genuine event was not used up by the forgeries.
    expect(await (await webhook(event)).json()).toMatchObject({ outcome: 'fulfilled' });
  });

  it('an amount or currency other than the order price flags the order for staff and does not pay it', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const session = await sessionFor(receipt);
    expect(await (await webhook(standIn.completedEvent(session, { amount: 1 }))).json()).toMatchObject({ outcome: 'flagged' });
    const report = await status(receipt);
    expect(report.status).toBe('awaiting_payment');
    expect(report.code).toBeUndefined();
    expect(report.price).toBeUndefined();
    const queue = (await (await admin('/orders?status=queue')).json()) as { orders: AdminOrder[] };
    expect(queue.orders.find((o) => o.id === receipt.id)).toMatchObject({ paymentFlag: 'amountMismatch', paid: { amount: 1, currency: 'EUR' } });
    expect(await mails('code', receipt.id)).toBe(0);
  });

  it('an expired session is replaced by a new one (new idempotency key) at the next checkout', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const first = await sessionFor(receipt);
    expect(await (await webhook(standIn.expiredEvent(first))).json()).toMatchObject({ outcome: 'expired' });
    const second = await sessionFor(receipt);
    expect(second).not.toBe(first);
    expect(standIn.requests.filter((r) => r.idempotencyKey === `checkout:${receipt.id}:1`)).toHaveLength(1);
    // A late expiry of the old session does not disturb the new one.
    expect(await (await webhook(standIn.expiredEvent(first))).json()).toMatchObject({ outcome: 'ignored' });
    expect(await sessionFor(receipt)).toBe(second);
  });

  it('a session about to run out is closed at Stripe before the next is made, so it can no longer be paid', async () => {
    let clock = Date.now();
    await start(() => clock);
    const receipt = await order(IN_TABLE);
    const first = await sessionFor(receipt);
    // Nine minutes before it runs out: too little time to pay, so a new checkout replaces it.
    clock = standIn.sessions.get(first)!.expiresAt * 1000 - 9 * 60_000;
    const second = await sessionFor(receipt);
    expect(second).not.toBe(first);
    expect(standIn.requests.filter((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${first}/expire`)).toHaveLength(1);
    expect(standIn.sessions.get(first)!.status).toBe('expired');
    // The customer who kept the old page open cannot pay on it.
    const late = await fetch(`${standIn.url}/pay/${first}/complete`, { method: 'POST', redirect: 'manual' });
    expect(late.status).toBe(410);
    expect((await status(receipt)).status).toBe('awaiting_payment');
  });

  it('a session paid just before it was to be replaced: no second session, and the payment event pays the order once', async () => {
    let clock = Date.now();
    await start(() => clock);
    const receipt = await order(IN_TABLE);
    const first = await sessionFor(receipt);
    // Paid at Stripe; its webhook is still on the way when the app asks for a checkout again.
    const paid = standIn.completedEvent(first);
    clock = standIn.sessions.get(first)!.expiresAt * 1000 - 9 * 60_000;
    const sessionsBefore = standIn.sessions.size;
    const again = await checkout(receipt);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'order.paymentUnderWay' });
    expect(standIn.sessions.size).toBe(sessionsBefore);
    expect(await (await webhook(paid)).json()).toMatchObject({ outcome: 'fulfilled' });
    expect(await mails('code', receipt.id)).toBe(1);
  });

  it('staff refund a paid order they cannot serve: one Stripe refund, refunded with the reason, one refund mail', async () => {
    await start();
    const receipt = await order(NOT_IN_TABLE);
    await webhook(standIn.completedEvent(await sessionFor(receipt)));
    const refund = () => admin(`/orders/${receipt.id}/refund`, { method: 'POST', body: JSON.stringify({ reason: 'No code on file for this serial' }) });
    const [a, b] = await Promise.all([refund(), refund()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await refund()).status).toBe(200);
    expect(standIn.refunds.filter((r) => r.idempotencyKey === `refund:${receipt.id}`).length).toBeGreaterThanOrEqual(1);
    expect(new Set(standIn.refunds.filter((r) => r.idempotencyKey === `refund:${receipt.id}`).map((r) => r.id)).size).toBe(1);
    expect(await status(receipt)).toMatchObject({ status: 'refunded', reason: 'No code on file for this serial' });
    // Stripe's charge.refunded for the same payment arrives afterwards: no second effect.
    const paymentIntent = [...standIn.sessions.values()].find((s) => s.orderId === receipt.id)!.paymentIntent;
    expect(await (await webhook(standIn.refundedEvent(paymentIntent))).json()).toMatchObject({ outcome: 'ignored' });
    expect(await mails('refund', receipt.id)).toBe(1);
    expect(await mails('code', receipt.id)).toBe(0);
  });

  it('a refund that arrives before the payment event wins: the order ends refunded, never fulfilled', async () => {
    await start();
    const receipt = await order(IN_TABLE);
    const session = await sessionFor(receipt);
    const completed = standIn.completedEvent(session);
    const paymentIntent = standIn.sessions.get(session)!.paymentIntent;
    expect(await (await webhook(standIn.refundedEvent(paymentIntent))).json()).toMatchObject({ outcome: 'refundHeld' });
    expect(await (await webhook(completed)).json()).toMatchObject({ outcome: 'refunded' });
    expect((await status(receipt)).status).toBe('refunded');
    expect(await mails('code', receipt.id)).toBe(0);
    expect(await mails('refund', receipt.id)).toBe(1);
  });

  it('an unpaid order cannot be refunded, a paid one cannot be cancelled', async () => {
    await start();
    const unpaid = await order(NOT_IN_TABLE);
    expect((await admin(`/orders/${unpaid.id}/refund`, { method: 'POST', body: JSON.stringify({ reason: 'x' }) })).status).toBe(409);
    const paid = await order(NOT_IN_TABLE);
    await webhook(standIn.completedEvent(await sessionFor(paid)));
    const cancel = await admin(`/orders/${paid.id}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'x' }) });
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as { detail: string }).detail).toMatch(/refund/);
  });
});

describe.each(engines)('payment off on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('an order whose serial is in the table is fulfilled at once with its code mail; GET /api/price says payment is off', async () => {
    t = await createTestApp({ engine });
    await t.codeTable.importRows([{ serial: IN_TABLE, code: '4321' }], new Date());
    expect(await (await t.app.request('/api/price')).json()).toEqual({ payment: 'off' });
    const response = await postOrder(t.app, { body: validOrderBody({ serial: 'ap12 3456 7890' }) });
    const receipt = (await response.json()) as OrderReceipt;
    expect(receipt.status).toBe('received');
    const report = await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } });
    expect(await report.json()).toMatchObject({ status: 'fulfilled', code: '4321' });
    expect((await createMailOutboxRepo(t.db).list()).filter((m) => m.orderId === receipt.id && m.kind === 'code')).toHaveLength(1);
    expect((await t.app.request(`/api/orders/${receipt.id}/checkout`, { method: 'POST', headers: { Authorization: `Bearer ${receipt.token}` } })).status).toBe(404);
    expect((await t.app.request('/api/payments/stripe', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('an order whose serial is not in the table waits for staff as before', async () => {
    t = await createTestApp({ engine });
    const receipt = (await (await postOrder(t.app, { body: validOrderBody({ serial: NOT_IN_TABLE }) })).json()) as OrderReceipt;
    const report = await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } });
    expect(await report.json()).toMatchObject({ status: 'received' });
  });
});
