import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderPlaced } from '../domain/case-orders';
import { applyEvent, createCase } from '../domain/case';
import type { OrderRequest } from '../domain/order';
import { createTestApp, type TestApp } from '../server/testing';
import { getCase, putCase } from '../storage/cases-store';
import { closeDb, useDatabase } from '../storage/db';
import { enqueueOrder, getOrder, type SentEntry } from '../storage/outbox-store';
import type { FetchLike } from './api-client';
import { flushOutbox } from './flush-outbox';
import { pollOrders, type PollOptions } from './poll-orders';
import { createConnectivity } from './connectivity';

const ORIGIN = 'http://orders.test';
const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
let server: TestApp;
let clock = Date.UTC(2025, 5, 1);

const fetchToServer: FetchLike = async (input, init) => {
  const { signal: _signal, ...rest } = init ?? {};
  return server.app.fetch(new Request(new URL(String(input), ORIGIN), rest));
};
const wrongToken: FetchLike = (input, init) => fetchToServer(input, { ...init, headers: { Authorization: 'Bearer wrong-token-wrong-token' } });
const pollOptions = (extra: Partial<PollOptions> = {}): PollOptions => ({ fetch: fetchToServer, now: () => clock, baseUrl: ORIGIN, ...extra });

async function admin(path: string, body: unknown): Promise<void> {
  const response = await server.app.fetch(
    new Request(`${ORIGIN}/api/admin/orders/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  expect(response.status).toBe(200);
}

async function sentOrderForCase(caseId: string): Promise<SentEntry> {
  let c = createCase({ id: caseId, label: 'Car', now: clock, generation: 'r55-r59' });
  for (const event of [{ type: 'display.reported', message: 'CODE' }, { type: 'code.unknown' }, { type: 'serial.entered', serial: request.serial }] as const) {
    c = applyEvent(c, event, clock).case;
  }
  await putCase(c);
  const entry = await enqueueOrder({ request, caseId, caseChange: orderPlaced, now: clock });
  await flushOutbox({ fetch: fetchToServer, now: () => clock, random: () => 0, baseUrl: ORIGIN });
  const sent = await getOrder(entry.key);
  if (sent?.state !== 'sent') throw new Error(`not sent: ${sent?.state}`);
  return sent;
}

beforeEach(async () => {
  server = await createTestApp({ engine: 'sqlite', clock: () => clock });
  await useDatabase(`poll-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
  await server.close();
});

describe('pollOrders', () => {
  it('keeps waiting while the order is received, then stores the code on the order and the case', async () => {
    const sent = await sentOrderForCase('car');
    expect(await pollOrders(pollOptions())).toMatchObject({ polled: 1, waiting: 1, fulfilled: [] });
    await admin(`${sent.order.id}/fulfil`, { code: '4711' });
    clock += 60_000;
    expect(await pollOrders(pollOptions())).toMatchObject({ polled: 1, waiting: 0, fulfilled: [sent.key] });
    expect(await getOrder(sent.key)).toMatchObject({ state: 'fulfilled', code: '4711' });
    const c = await getCase('car');
    expect(c?.deliveredCode).toBe('4711');
    expect(c?.machine.value).toBe('enterCode');
    // Nothing left to ask about.
    expect(await pollOrders(pollOptions())).toMatchObject({ polled: 0, waiting: 0 });
  });

  it('records a cancellation and its reason', async () => {
    const sent = await sentOrderForCase('car');
    await admin(`${sent.order.id}/cancel`, { reason: 'Serial does not match this radio' });
    expect(await pollOrders(pollOptions())).toMatchObject({ cancelled: [sent.key] });
    expect(await getOrder(sent.key)).toMatchObject({ state: 'cancelled', reason: 'Serial does not match this radio' });
  });

  it('a poll stamped in the future (the service worker on the real clock, a clock set back) holds no poll back', async () => {
    const sent = await sentOrderForCase('car');
    await admin(`${sent.order.id}/fulfil`, { code: '24135' });
    // Another context polled "an hour from now" by its clock: this one still asks, paced or pressed.
    await pollOrders(pollOptions({ now: () => Date.now() + 3_600_000, fetch: wrongToken }));
    expect(await pollOrders(pollOptions({ minIntervalMs: 0 }))).toMatchObject({ polled: 1, fulfilled: [sent.key] });
  });

  it('does nothing while judged offline, skips recently polled orders, and keeps a 404 visible without dropping the order', async () => {
    const sent = await sentOrderForCase('car');
    const offline = createConnectivity({ probe: async () => false, browserSaysOnline: () => false });
    expect(await pollOrders(pollOptions({ connectivity: offline }))).toMatchObject({ offline: true, polled: 0, waiting: 1 });
    await pollOrders(pollOptions());
    expect(await pollOrders(pollOptions({ minIntervalMs: 30_000 }))).toMatchObject({ polled: 0, waiting: 1 });
    await pollOrders(pollOptions({ fetch: wrongToken }));
    expect(await getOrder(sent.key)).toMatchObject({ state: 'sent', pollError: 'gone' });
  });
});
