import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { createTestApp, type TestApp } from '../server/testing';
import { closeDb, useDatabase } from '../storage/db';
import { enqueueOrder, getOrder } from '../storage/outbox-store';
import type { FetchLike } from '../sync/api-client';
import { createConnectivity } from '../sync/connectivity';
import { flushOutbox } from '../sync/flush-outbox';
import { syncOutbox, type BackgroundSyncDeps } from './sw-sync';

const ORIGIN = 'http://orders.test';
const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
let server: TestApp;
const clock = Date.UTC(2025, 5, 1);

const toServer: FetchLike = async (input, init) => {
  const { signal: _signal, ...rest } = init ?? {};
  return server.app.fetch(new Request(new URL(String(input), ORIGIN), rest));
};
/** New orders meet a busy proxy (503); status reads get through. */
const ordersBusy: FetchLike = async (input, init) =>
  init?.method === 'POST' ? new Response('busy', { status: 503 }) : toServer(input, init);

function deps(fetch: FetchLike): BackgroundSyncDeps {
  return {
    flush: { fetch, now: () => clock, random: () => 0.5, baseUrl: ORIGIN, locks: { request: (_n, callback) => callback() } },
    fetch,
    baseUrl: ORIGIN,
    connectivity: createConnectivity({ probe: async () => true }),
  };
}

beforeEach(async () => {
  server = await createTestApp({ engine: 'sqlite', clock: () => clock });
  await useDatabase(`sw-sync-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
  await server.close();
});

it('Background Sync fetches a ready code even while another order still waits to be sent, and still asks to be run again', async () => {
  const first = await enqueueOrder({ request, now: clock });
  await flushOutbox(deps(toServer).flush);
  const sent = await getOrder(first.key);
  if (sent?.state !== 'sent') throw new Error('not sent');
  const fulfilled = await server.app.fetch(
    new Request(`${ORIGIN}/api/admin/orders/${sent.order.id}/fulfil`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: '4711' }),
    }),
  );
  expect(fulfilled.status).toBe(200);
  const waiting = await enqueueOrder({ request: { ...request, serial: 'BP999999999999' }, now: clock });

  await expect(syncOutbox(deps(ordersBusy))).rejects.toThrow(/Outbox not empty/);
  expect(await getOrder(first.key)).toMatchObject({ state: 'fulfilled', code: '4711' });
  expect(await getOrder(waiting.key)).toMatchObject({ state: 'queued', lastError: 'server' });
});
