import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { createTestApp, type TestApp } from '../server/testing';
import { closeDb, useDatabase } from '../storage/db';
import { enqueueOrder, getOrder, listOrders, markSending } from '../storage/outbox-store';
import type { FetchLike } from './api-client';
import { createConnectivity } from './connectivity';
import { flushForSyncEvent, flushOutbox, type FlushOptions, type LocksLike } from './flush-outbox';

const ORIGIN = 'http://orders.test';
const START = Date.UTC(2025, 5, 1, 8, 0, 0);
const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };

let server: TestApp;
let clock = START;
let seen: Request[] = [];
/** Answers from a proxy in front of the server, used before passing through. */
let proxyAnswers: Response[] = [];

const fetchToServer: FetchLike = async (input, init) => {
  const { signal: _signal, ...rest } = init ?? {};
  const req = new Request(new URL(String(input), ORIGIN), rest);
  const proxied = proxyAnswers.shift();
  if (proxied) return proxied;
  seen.push(req.clone());
  return server.app.fetch(req);
};

const down: FetchLike = () => Promise.reject(new TypeError('offline'));

function options(extra: Partial<FlushOptions> = {}): FlushOptions {
  return { fetch: fetchToServer, now: () => clock, random: () => 0.5, baseUrl: ORIGIN, ...extra };
}

/** Real mutual exclusion between "contexts", like navigator.locks. */
function sharedLocks(): LocksLike {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: () => Promise<T>) {
      const run = tail.then(callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

beforeEach(async () => {
  clock = START;
  seen = [];
  proxyAnswers = [];
  server = await createTestApp({ engine: 'sqlite', clock: () => clock });
  await useDatabase(`flush-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
  await server.close();
});

describe('flushOutbox', () => {
  it('sends each due order once with its own key and stores id, token and createdAt', async () => {
    const a = await enqueueOrder({ request, now: clock });
    const b = await enqueueOrder({ request: { ...request, serial: 'BP000000000001' }, now: clock });
    const summary = await flushOutbox(options());
    expect(summary).toEqual({ attempted: 2, sent: 2, retrying: 0, needsAttention: 0, nextWakeAt: undefined, offline: false });
    expect(seen.map((r) => r.headers.get('Idempotency-Key')).sort()).toEqual([a.key, b.key].sort());
    const stored = await server.repo.listOrders({ limit: 10 });
    for (const entry of await listOrders()) {
      expect(entry.state).toBe('sent');
      if (entry.state !== 'sent') continue;
      const order = stored.find((o) => o.id === entry.order.id);
      expect(order?.serial).toBe(entry.request.serial);
      expect(entry.order.createdAt).toBe(order?.createdAt);
      expect(entry.order.token.length).toBeGreaterThanOrEqual(22);
    }
  });

  it('lets two flushers sharing the lock send each order exactly once (no duplicate requests)', async () => {
    for (let i = 0; i < 3; i++) await enqueueOrder({ request: { ...request, serial: `BP00000000000${i}` }, now: clock });
    const locks = sharedLocks();
    await Promise.all([flushOutbox(options({ locks })), flushOutbox(options({ locks })), flushOutbox(options({ locks }))]);
    expect(seen).toHaveLength(3);
    expect(await server.repo.listOrders({ limit: 10 })).toHaveLength(3);
  });

  it('serialises flushes in this context when navigator.locks is missing', async () => {
    expect((globalThis as { navigator?: { locks?: unknown } }).navigator?.locks).toBeUndefined();
    await enqueueOrder({ request, now: clock });
    await Promise.all([flushOutbox(options()), flushOutbox(options())]);
    expect(seen).toHaveLength(1);
  });

  it('waits for Retry-After and then sends with the same key', async () => {
    const entry = await enqueueOrder({ request, now: clock });
    proxyAnswers.push(new Response('{}', { status: 503, headers: { 'Retry-After': '120' } }));
    const first = await flushOutbox(options());
    expect(first).toMatchObject({ attempted: 1, retrying: 1 });
    expect(first.nextWakeAt).toBeGreaterThanOrEqual(START + 120_000);
    clock = START + 119_000;
    expect((await flushOutbox(options())).attempted).toBe(0);
    clock = first.nextWakeAt!;
    expect(await flushOutbox(options())).toMatchObject({ sent: 1 });
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual([entry.key]);
  });

  it('stops the pass at a 429: the other due orders are not sent into the limit, and wait for Retry-After without an attempt counted', async () => {
    const entries = [];
    for (let i = 0; i < 3; i++) entries.push(await enqueueOrder({ request: { ...request, serial: `BP00000000000${i}` }, now: clock + i }));
    clock += 10;
    proxyAnswers.push(new Response('{}', { status: 429, headers: { 'Retry-After': '60' } }));
    const limited = await flushOutbox(options());
    expect(limited).toMatchObject({ attempted: 1, retrying: 1, sent: 0 });
    expect(limited.nextWakeAt).toBeGreaterThanOrEqual(clock + 60_000);
    const waiting = await Promise.all(entries.map((e) => getOrder(e.key)));
    for (const entry of waiting) {
      expect(entry).toMatchObject({ state: 'queued', lastError: 'rateLimited', notBefore: clock + 60_000 });
      if (entry?.state === 'queued') expect(entry.nextAttemptAt).toBeGreaterThanOrEqual(clock + 60_000);
    }
    expect(waiting.map((e) => e?.attempts)).toEqual([1, 0, 0]);

    clock += 59_000;
    expect((await flushOutbox(options())).attempted).toBe(0);
    clock = Math.max(...waiting.map((e) => (e?.state === 'queued' ? e.nextAttemptAt : 0)));
    expect(await flushOutbox(options())).toMatchObject({ sent: 3, nextWakeAt: undefined });
    // One request into the limit, then each order once: none lost, none doubled.
    expect(seen).toHaveLength(3);
    expect(await server.repo.listOrders({ limit: 10 })).toHaveLength(3);
  });

  it('a clock set back: an order queued while the clock was a day ahead goes out now, not in a day', async () => {
    const entry = await enqueueOrder({ request, now: clock + 24 * 3_600_000 });
    const summary = await flushOutbox(options());
    expect(summary).toMatchObject({ attempted: 1, sent: 1, nextWakeAt: undefined });
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual([entry.key]);
  });

  it('a clock set back while judged offline: the next wake-up is now, not a day ahead', async () => {
    await enqueueOrder({ request, now: clock + 24 * 3_600_000 });
    const connectivity = createConnectivity({ probe: async () => false });
    await connectivity.check();
    expect(await flushOutbox(options({ connectivity }))).toMatchObject({ attempted: 0, offline: true, nextWakeAt: clock });
  });

  it('backs off with full jitter after a network error', async () => {
    await enqueueOrder({ request, now: clock });
    const summary = await flushOutbox(options({ fetch: down, random: () => 0.75 }));
    expect(summary.nextWakeAt).toBe(START + 1_500); // attempt 0: 0.75 × 2 s
    expect((await listOrders())[0]).toMatchObject({ state: 'queued', lastError: 'network', attempts: 1 });
  });

  it('marks a VIN-bound order (422 from the real server) as needing attention with the reason', async () => {
    const entry = await enqueueOrder({ request: { ...request, generation: 'f60-nbt-evo' }, now: clock });
    expect(await flushOutbox(options())).toMatchObject({ needsAttention: 1, nextWakeAt: undefined });
    expect(await getOrder(entry.key)).toMatchObject({
      state: 'needsAttention',
      problem: { status: 422, code: 'generation.vinBound', problems: [{ field: 'generation', code: 'generation.vinBound' }] },
    });
  });

  it('marks a 400 from the real server as needing attention with the field problems', async () => {
    const entry = await enqueueOrder({ request: { ...request, email: 'not-an-address' }, now: clock });
    await flushOutbox(options());
    expect(await getOrder(entry.key)).toMatchObject({ state: 'needsAttention', problem: { status: 400, problems: [{ field: 'email', code: 'email.invalid' }] } });
  });

  it('resends an entry a crash left in "sending" with the same key, and the server answers with the same order', async () => {
    const entry = await enqueueOrder({ request, now: clock });
    await flushOutbox(options());
    const sent = await getOrder(entry.key);
    // Simulate: the answer was stored by the server but the tab died before recording it.
    await server.app.fetch(
      new Request(`${ORIGIN}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k'.repeat(20) }, body: JSON.stringify(request) }),
    );
    const second = await enqueueOrder({ request: { ...request, serial: 'BP777777777777' }, now: clock });
    await markSending(second.key, clock);
    await server.app.fetch(
      new Request(`${ORIGIN}/api/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': second.key },
        body: JSON.stringify(second.request),
      }),
    );
    seen = [];
    expect(await flushOutbox(options())).toMatchObject({ attempted: 1, sent: 1 });
    expect(seen[0]?.headers.get('Idempotency-Key')).toBe(second.key);
    expect((await server.repo.listOrders({ limit: 10 })).filter((o) => o.serial === 'BP777777777777')).toHaveLength(1);
    expect(await getOrder(entry.key)).toEqual(sent);
  });

  it('rejects the SW sync event while orders still wait, so the browser tries again', async () => {
    await enqueueOrder({ request, now: clock });
    proxyAnswers.push(new Response('', { status: 502 }));
    await expect(flushForSyncEvent(options())).rejects.toThrow(/not empty/);
    clock += 10 * 60_000;
    await expect(flushForSyncEvent(options())).resolves.toMatchObject({ sent: 1 });
  });
});

describe('flushOutbox and the connectivity judgement', () => {
  const order = (serial: string) => ({ serial, email: 'owner@example.com', generation: 'r55-r59' as const, locale: 'en' as const });

  it('sends nothing while judged offline and keeps the order due, so it goes out as soon as a probe succeeds', async () => {
    const calls: string[] = [];
    const entry = await enqueueOrder({ request: order('BP1234567890AB'), now: clock });
    const connectivity = createConnectivity({ probe: async () => false, browserSaysOnline: () => false });
    const summary = await flushOutbox(
      options({
        fetch: async (input) => {
          calls.push(String(input));
          throw new TypeError('offline');
        },
        connectivity,
      }),
    );
    expect(calls).toEqual([]);
    expect(summary).toMatchObject({ attempted: 0, sent: 0, retrying: 0, offline: true });
    expect(summary.nextWakeAt).toBeLessThanOrEqual(clock);
    expect(await getOrder(entry.key)).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('"send now" (force) tries even while judged offline, and an answer turns the judgement online', async () => {
    const entry = await enqueueOrder({ request: order('BP1234567890AB'), now: clock });
    const connectivity = createConnectivity({ probe: async () => false, browserSaysOnline: () => false });
    const summary = await flushOutbox(options({ connectivity, force: true }));
    expect(summary).toMatchObject({ attempted: 1, sent: 1, offline: false });
    expect(connectivity.current()).toBe('online');
    expect(await getOrder(entry.key)).toMatchObject({ state: 'sent' });
  });

  it('on lie-fi (a request with no answer) judges offline, stops after the first order and leaves the rest due', async () => {
    const first = await enqueueOrder({ request: order('BP1234567890AB'), now: clock });
    const second = await enqueueOrder({ request: order('BP1234567890CD'), now: clock + 1 });
    clock += 10;
    const connectivity = createConnectivity({ probe: async () => true });
    expect(connectivity.current()).toBe('unknown');
    let requests = 0;
    const summary = await flushOutbox(
      options({
        connectivity,
        fetch: () => {
          requests++;
          return Promise.reject(new DOMException('The operation timed out.', 'TimeoutError'));
        },
      }),
    );
    expect(requests).toBe(1);
    expect(summary).toMatchObject({ attempted: 1, retrying: 1, offline: true });
    expect(connectivity.current()).toBe('offline');
    const entries = [await getOrder(first.key), await getOrder(second.key)];
    expect(entries.map((e) => [e?.state, e?.attempts, e?.lastError])).toEqual([
      ['queued', 1, 'timeout'],
      ['queued', 0, undefined],
    ]);
  });

  it('counts a server error as an answer (the network works) but a portal page as none', async () => {
    await enqueueOrder({ request: order('BP1234567890AB'), now: clock });
    const connectivity = createConnectivity({ probe: async () => true });
    proxyAnswers = [new Response('busy', { status: 503 })];
    await flushOutbox(options({ connectivity }));
    expect(connectivity.current()).toBe('online');
    clock += 10 * 60_000;
    proxyAnswers = [new Response('<html>Sign in to Car Park Wi-Fi</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })];
    const summary = await flushOutbox(options({ connectivity }));
    expect(summary).toMatchObject({ attempted: 1, retrying: 1, offline: true });
    expect(connectivity.current()).toBe('offline');
  });
});
