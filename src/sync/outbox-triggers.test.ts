import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { closeDb, useDatabase } from '../storage/db';
import { enqueueOrder, getOrder } from '../storage/outbox-store';
import type { FetchLike } from './api-client';
import { createConnectivity, type Connectivity } from './connectivity';
import { flushOutbox, type FlushSummary, type LocksLike } from './flush-outbox';
import { SYNC_TAG, startOutboxTriggers, type OutboxTriggerOptions, type OutboxTriggers, type TriggerRun } from './outbox-triggers';
import type { PollSummary } from './poll-orders';

const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
const receipt = (n: number) => ({ id: `order-${n}`, token: `token-${n}`, status: 'received', createdAt: '2025-06-01T08:00:00Z' });
const noLock: LocksLike = { request: (_name, callback) => callback() };

class FakeDocument extends EventTarget {
  visibilityState = 'visible';
  show(state: 'visible' | 'hidden'): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

/** A manual clock and timer list: time moves only when a test says so. */
function fakeTime(start = 1_000) {
  let clock = start;
  let nextHandle = 1;
  const timers: { at: number; callback: () => void; handle: number }[] = [];
  return {
    now: () => clock,
    timers,
    setTimer: (callback: () => void, ms: number) => {
      const handle = nextHandle++;
      timers.push({ at: clock + ms, callback, handle });
      return handle;
    },
    clearTimer: (handle: unknown) => {
      const i = timers.findIndex((t) => t.handle === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    advanceTo(at: number) {
      clock = at;
      for (const timer of timers.filter((t) => t.at <= at)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
    },
  };
}

/**
 * The real flusher against a scripted network: `answers` are taken in order (a Response, or an Error to
 * throw like fetch does offline); every POST's idempotency key is recorded, so tests assert the exact sends.
 */
function scriptedNetwork() {
  const sends: string[] = [];
  const answers: Array<Response | Error> = [];
  let count = 0;
  const fetch: FetchLike = async (input, init) => {
    const key = new Headers(init?.headers).get('Idempotency-Key');
    if (init?.method === 'POST' && key) sends.push(key);
    const answer = answers.shift() ?? new Response(JSON.stringify(receipt(++count)), { status: 201 });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, sends, answers };
}

function setup(extra: Partial<OutboxTriggerOptions> & { connectivity?: Connectivity } = {}) {
  const time = fakeTime();
  const network = scriptedNetwork();
  const doc = new FakeDocument();
  const register = vi.fn(async (_tag: string) => undefined);
  const runs: TriggerRun[] = [];
  const errors: unknown[] = [];
  const connectivity = extra.connectivity ?? createConnectivity({ probe: async () => true });
  const options: OutboxTriggerOptions = {
    flush: (reason) => flushOutbox({ fetch: network.fetch, now: time.now, random: () => 0.5, locks: noLock, connectivity, force: reason === 'sendNow' }),
    now: time.now,
    connectivity,
    visibility: doc,
    registration: Promise.resolve({ sync: { register } }),
    setTimer: time.setTimer,
    clearTimer: time.clearTimer,
    onRun: (run) => runs.push(run),
    onError: (error) => errors.push(error),
    ...extra,
  };
  return { time, network, doc, register, runs, errors, connectivity, options };
}

const reasons = (runs: readonly TriggerRun[]) => runs.map((r) => r.reason);

let triggers: OutboxTriggers | undefined;
beforeEach(async () => {
  await useDatabase(`triggers-${crypto.randomUUID()}`);
});
afterEach(async () => {
  triggers?.stop();
  triggers = undefined;
  await closeDb();
});

describe('startOutboxTriggers: when it sends', () => {
  it('sends a queued order at start, exactly once', async () => {
    const entry = await enqueueOrder({ request, now: 0 });
    const t = setup();
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(reasons(t.runs)).toContain('start'));
    await vi.waitFor(async () => expect(await getOrder(entry.key)).toMatchObject({ state: 'sent' }));
    expect(t.network.sends).toEqual([entry.key]);
  });

  it('while judged offline sends nothing and arms no timer; a successful probe sends it, once', async () => {
    const entry = await enqueueOrder({ request, now: 0 });
    let reachable = false;
    const connectivity = createConnectivity({ probe: async () => reachable, browserSaysOnline: () => false });
    const t = setup({ connectivity });
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start']));
    expect(t.runs[0]?.flush).toMatchObject({ attempted: 0, offline: true });
    expect(t.network.sends).toEqual([]);
    expect(t.time.timers).toEqual([]); // no hot loop on an order that is due but cannot go

    await connectivity.check(); // the probe still fails: nothing changes
    expect(reasons(t.runs)).toEqual(['start']);
    reachable = true;
    await connectivity.check();
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start', 'online']));
    expect(t.network.sends).toEqual([entry.key]);
    expect(await getOrder(entry.key)).toMatchObject({ state: 'sent' });
  });

  it('runs when the page is visible again, not when it is hidden', async () => {
    const t = setup();
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start']));
    t.doc.show('hidden');
    const entry = await enqueueOrder({ request, now: 0 });
    t.doc.show('visible');
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start', 'visible']));
    expect(t.network.sends).toEqual([entry.key]);
  });

  it('after a server error arms one timer at the retry time and sends again then, with the same key', async () => {
    const entry = await enqueueOrder({ request, now: 0 });
    const t = setup();
    t.network.answers.push(new Response('busy', { status: 503 }));
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(t.time.timers).toHaveLength(1));
    const retry = await getOrder(entry.key);
    expect(retry).toMatchObject({ state: 'queued', lastError: 'server' });
    expect(t.time.timers[0]?.at).toBe(retry?.state === 'queued' ? retry.nextAttemptAt : NaN);
    expect(t.register).toHaveBeenCalledWith(SYNC_TAG);

    t.time.advanceTo(t.time.timers[0]?.at ?? 0);
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start', 'timer']));
    expect(t.network.sends).toEqual([entry.key, entry.key]);
    expect(await getOrder(entry.key)).toMatchObject({ state: 'sent' });
    expect(t.time.timers).toEqual([]);
  });

  it('re-arms the timer when a run throws (storage trouble), and the next run sends', async () => {
    const entry = await enqueueOrder({ request, now: 0 });
    const t = setup({ errorRetryMs: 30_000 });
    const realFlush = t.options.flush;
    let failures = 1;
    t.options.flush = async (reason) => {
      if (failures-- > 0) throw new Error('IndexedDB went away');
      return realFlush(reason);
    };
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(t.errors).toHaveLength(1));
    expect(t.time.timers.map((x) => x.at)).toEqual([1_000 + 30_000]);
    expect(t.network.sends).toEqual([]);

    t.time.advanceTo(31_000);
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['timer']));
    expect(t.network.sends).toEqual([entry.key]);
  });

  it('coalesces a burst of triggers during a run into exactly one more run', async () => {
    const t = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: string[] = [];
    const idle: FlushSummary = { attempted: 0, sent: 0, retrying: 0, needsAttention: 0, nextWakeAt: undefined, offline: false };
    t.options.flush = async (reason) => {
      calls.push(reason);
      if (calls.length === 1) await gate;
      return idle;
    };
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(calls).toEqual(['start']));
    triggers.afterEnqueue();
    triggers.afterEnqueue();
    t.doc.show('visible');
    release();
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start', 'visible']));
    expect(calls).toEqual(['start', 'visible']); // the latest reason wins; two runs, not four
  });
});

describe('startOutboxTriggers: "send now"', () => {
  it('sends a backed-off order at once, even while judged offline, and reports its own run', async () => {
    const entry = await enqueueOrder({ request, now: 0 });
    const connectivity = createConnectivity({ probe: async () => false });
    const t = setup({ connectivity });
    t.network.answers.push(new TypeError('Failed to fetch'));
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start']));
    expect(connectivity.current()).toBe('offline');
    const queued = await getOrder(entry.key);
    expect(queued).toMatchObject({ state: 'queued', lastError: 'network' });

    const run = await triggers.sendNow();
    expect(run.reason).toBe('sendNow');
    expect(run.flush).toMatchObject({ attempted: 1, sent: 1 });
    expect(t.network.sends).toEqual([entry.key, entry.key]);
    expect(connectivity.current()).toBe('online');
  });

  it('waits for a run under way instead of returning it', async () => {
    const t = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const realFlush = t.options.flush;
    t.options.flush = async (reason) => {
      if (reason === 'start') await gate;
      return realFlush(reason);
    };
    triggers = startOutboxTriggers(t.options);
    const pressed = triggers.sendNow();
    release();
    expect((await pressed).reason).toBe('sendNow');
    expect(reasons(t.runs)).toEqual(['start', 'sendNow']);
  });
});

describe('what the poller is told', () => {
  const waiting: PollSummary = { polled: 1, fulfilled: [], cancelled: [], waiting: 1, offline: false };

  it('passes each run its reason, and polls only while worth trying (or when the user asked)', async () => {
    let reachable = true;
    const connectivity = createConnectivity({ probe: async () => reachable });
    const polls: string[] = [];
    const t = setup({ connectivity, pollIntervalMs: 60_000 });
    t.options.poll = async (reason) => {
      polls.push(reason);
      return waiting;
    };
    triggers = startOutboxTriggers(t.options);
    await vi.waitFor(() => expect(polls).toEqual(['start']));
    expect(t.time.timers.map((x) => x.at)).toEqual([1_000 + 60_000]); // ask again in a minute while a code is awaited

    reachable = false;
    await connectivity.check();
    t.doc.show('visible');
    await vi.waitFor(() => expect(reasons(t.runs)).toEqual(['start', 'visible']));
    expect(polls).toEqual(['start']);
    expect(t.time.timers).toEqual([]);

    await triggers.sendNow();
    expect(polls).toEqual(['start', 'sendNow']);
  });
});
