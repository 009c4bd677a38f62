import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { closeDb, useDatabase } from '../storage/db';
import { enqueueOrder, getOrder, markRetry, markSending } from '../storage/outbox-store';
import type { FlushSummary } from './flush-outbox';
import { SYNC_TAG, startOutboxTriggers, type OutboxTriggerOptions, type TriggerRun } from './outbox-triggers';

const idle: FlushSummary = { attempted: 0, sent: 0, retrying: 0, needsAttention: 0, nextWakeAt: undefined };
const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };

class FakeDocument extends EventTarget {
  visibilityState = 'visible';
}

function setup(flushResults: FlushSummary[] = []) {
  let clock = 1_000;
  const timers: { at: number; callback: () => void; handle: number }[] = [];
  let nextHandle = 1;
  const runs: TriggerRun[] = [];
  const flush = vi.fn(async () => flushResults.shift() ?? idle);
  const register = vi.fn(async (_tag: string) => undefined);
  const win = new EventTarget();
  const doc = new FakeDocument();
  let settle!: () => void;
  let ran = new Promise<void>((resolve) => (settle = resolve));
  const options: OutboxTriggerOptions = {
    flush,
    now: () => clock,
    connectivity: win,
    visibility: doc,
    registration: Promise.resolve({ sync: { register } }),
    isOnline: () => true,
    setTimer: (callback, ms) => {
      const handle = nextHandle++;
      timers.push({ at: clock + ms, callback, handle });
      return handle;
    },
    clearTimer: (handle) => {
      const i = timers.findIndex((t) => t.handle === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    onRun: (run) => {
      runs.push(run);
      settle();
      ran = new Promise<void>((resolve) => (settle = resolve));
    },
  };
  return {
    options,
    flush,
    register,
    win,
    doc,
    runs,
    timers,
    nextRun: () => ran,
    advanceTo(at: number) {
      clock = at;
      for (const timer of timers.splice(0).filter((t) => t.at <= at)) timer.callback();
    },
  };
}

beforeEach(async () => {
  await useDatabase(`triggers-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
});

describe('startOutboxTriggers', () => {
  it('flushes at start, when back online and when visible again, and not when hidden', async () => {
    const t = setup();
    const triggers = startOutboxTriggers(t.options);
    await t.nextRun();
    t.win.dispatchEvent(new Event('online'));
    await t.nextRun();
    t.doc.visibilityState = 'hidden';
    t.doc.dispatchEvent(new Event('visibilitychange'));
    t.doc.visibilityState = 'visible';
    t.doc.dispatchEvent(new Event('visibilitychange'));
    await t.nextRun();
    expect(t.runs.map((r) => r.reason)).toEqual(['start', 'online', 'visible']);
    triggers.stop();
    t.win.dispatchEvent(new Event('online'));
    expect(t.flush).toHaveBeenCalledTimes(3);
  });

  it('arms one timer for the next attempt and registers Background Sync while orders wait', async () => {
    const t = setup([{ ...idle, retrying: 1, nextWakeAt: 5_000 }]);
    const triggers = startOutboxTriggers(t.options);
    await t.nextRun();
    expect(t.timers.map((x) => x.at)).toEqual([5_000]);
    expect(t.register).toHaveBeenCalledWith(SYNC_TAG);
    t.advanceTo(5_000);
    await t.nextRun();
    expect(t.runs.map((r) => r.reason)).toEqual(['start', 'timer']);
    expect(t.timers).toEqual([]);
    triggers.stop();
  });

  it('coalesces a burst of triggers into one extra run', async () => {
    const t = setup();
    const triggers = startOutboxTriggers(t.options);
    triggers.afterEnqueue();
    triggers.afterEnqueue();
    t.win.dispatchEvent(new Event('online'));
    await t.nextRun();
    await t.nextRun();
    expect(t.flush).toHaveBeenCalledTimes(2);
    triggers.stop();
  });

  it('"send now" makes backed-off orders due before flushing', async () => {
    const entry = await enqueueOrder({ request, now: 0 });
    await markSending(entry.key, 0);
    await markRetry(entry.key, 200_000, 'network', { now: 0 });
    const t = setup();
    const triggers = startOutboxTriggers(t.options);
    await t.nextRun();
    const run = await triggers.sendNow();
    expect(run.reason).toBe('sendNow');
    expect(await getOrder(entry.key)).toMatchObject({ nextAttemptAt: 1_000 });
    triggers.stop();
  });
});

describe('what the poller is told', () => {
  it('passes the reason of each run, so a "send now" can poll at once', async () => {
    const reasons: string[] = [];
    const triggers = startOutboxTriggers({
      flush: async () => ({ attempted: 0, sent: 0, retrying: 0, needsAttention: 0, nextWakeAt: undefined }),
      poll: async (reason) => {
        reasons.push(reason);
        return { polled: 0, fulfilled: [], cancelled: [], waiting: 0, offline: false };
      },
      now: () => 0,
      isOnline: () => true,
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    await triggers.sendNow();
    triggers.stop();
    expect(reasons).toContain('start');
    expect(reasons.at(-1)).toBe('sendNow');
  });
});
