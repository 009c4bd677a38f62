// The device's side of paying: the poller keeps the price of an order awaiting payment, the checkout call, and the code (or the refund) after the webhook.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { orderPlaced } from '../domain/case-orders';
import { createStripeGateway } from '../server/payments/stripe-gateway';
import { startStripeStandIn, type StripeStandIn } from '../server/payments/stripe-stand-in';
import { createTestApp, type TestApp } from '../server/testing';
import { closeDb, useDatabase } from '../storage/db';
import { enqueueOrder, getOrder, type SentEntry } from '../storage/outbox-store';
import { getPrice, startCheckout, type FetchLike } from './api-client';
import { flushOutbox } from './flush-outbox';
import { pollOrders } from './poll-orders';

const ORIGIN = 'http://orders.test';
const WEBHOOK_SECRET = 'whsec_devicesidesecret';
const PRICE = { amount: 990, currency: 'EUR' };
let standIn: StripeStandIn;
let server: TestApp;
const now = () => Date.now();

const fetchToServer: FetchLike = async (input, init) => {
  const { signal: _signal, ...rest } = init ?? {};
  return server.app.fetch(new Request(new URL(String(input), ORIGIN), rest));
};
const api = { fetch: fetchToServer, baseUrl: ORIGIN };

async function sentOrder(serial: string): Promise<SentEntry> {
  const request: OrderRequest = { serial, email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
  const entry = await enqueueOrder({ request, caseId: 'car-1', caseChange: orderPlaced, now: now() });
  await flushOutbox({ fetch: fetchToServer, now, random: () => 0, baseUrl: ORIGIN });
  const sent = await getOrder(entry.key);
  if (sent?.state !== 'sent') throw new Error(`not sent: ${sent?.state}`);
  return sent;
}

async function poll(): Promise<void> {
  await pollOrders({ fetch: fetchToServer, now, baseUrl: ORIGIN, });
}

beforeAll(async () => {
  standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(async () => {
  const gateway = createStripeGateway({ secretKey: 'sk_test_standin', webhookSecret: WEBHOOK_SECRET, apiUrl: new URL(standIn.url) });
  server = await createTestApp({ engine: 'sqlite', payment: { gateway, price: PRICE } });
  await server.codeTable.importRows([{ serial: 'BP123456789012', code: '7531' }], new Date());
  await useDatabase(`pay-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
  await server.close();
});

async function deliver(event: { body: string; signature: string }): Promise<void> {
  const response = await fetchToServer('/api/payments/stripe', { method: 'POST', headers: { 'Stripe-Signature': event.signature }, body: event.body });
  expect(response.status).toBe(200);
}

describe('paying from the device', () => {
  it('reads the price; a sent order keeps "payment due" with its price; after the webhook one poll brings the code', async () => {
    expect(await getPrice(api)).toMatchObject({ kind: 'ok', value: { payment: 'on', price: PRICE } });
    const sent = await sentOrder('BP123456789012');
    await poll();
    expect(await getOrder(sent.key)).toMatchObject({ state: 'sent', payment: { status: 'due', price: PRICE } });

    const checkout = await startCheckout(api, sent.order.id, sent.order.token, '/case/car-1');
    if (checkout.kind !== 'ok') throw new Error(`checkout: ${checkout.kind}`);
    const session = checkout.value.url.split('/').pop()!;
    expect(standIn.sessions.get(session)?.successUrl).toBe(`${ORIGIN}/case/car-1?paid=1`);
    await deliver(standIn.completedEvent(session));

    await poll();
    expect(await getOrder(sent.key)).toMatchObject({ state: 'fulfilled', code: '7531' });
  });

  it('paid but not in the table shows "paid"; a refund ends the order as refunded with the reason', async () => {
    const sent = await sentOrder('ZZ9999999999');
    const checkout = await startCheckout(api, sent.order.id, sent.order.token, '/case/car-1');
    if (checkout.kind !== 'ok') throw new Error('no checkout');
    await deliver(standIn.completedEvent(checkout.value.url.split('/').pop()!));
    await poll();
    expect(await getOrder(sent.key)).toMatchObject({ state: 'sent', payment: { status: 'paid' } });

    const refund = await fetchToServer('/api/admin/orders/' + sent.order.id + '/refund', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'We hold no code for this serial' }),
    });
    expect(refund.status).toBe(200);
    await poll();
    expect(await getOrder(sent.key)).toMatchObject({ state: 'cancelled', refunded: true, reason: 'We hold no code for this serial' });
  });

  it('checkout for an order that is no longer awaiting payment needs attention, not a retry', async () => {
    const sent = await sentOrder('BP123456789012');
    const checkout = await startCheckout(api, sent.order.id, sent.order.token, '/orders');
    if (checkout.kind !== 'ok') throw new Error('no checkout');
    await deliver(standIn.completedEvent(checkout.value.url.split('/').pop()!));
    expect(await startCheckout(api, sent.order.id, sent.order.token, '/orders')).toMatchObject({ kind: 'needsAttention', problem: { status: 409, code: 'order.notAwaitingPayment' } });
  });
});
