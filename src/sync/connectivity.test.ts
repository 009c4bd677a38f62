import { describe, expect, it, vi } from 'vitest';
import { createConnectivity, healthProbe, PROBE_PATH, type Reachability } from './connectivity';

function manualTimers() {
  const timers: { ms: number; callback: () => void; handle: number }[] = [];
  let next = 1;
  return {
    timers,
    setTimer: (callback: () => void, ms: number) => {
      timers.push({ ms, callback, handle: next });
      return next++;
    },
    clearTimer: (handle: unknown) => {
      const i = timers.findIndex((t) => t.handle === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    fire() {
      const timer = timers.shift();
      timer?.callback();
      return timer?.ms;
    },
  };
}

describe('createConnectivity', () => {
  it('believes a browser that says offline, but not one that says online', () => {
    expect(createConnectivity({ probe: async () => true, browserSaysOnline: () => false }).current()).toBe('offline');
    expect(createConnectivity({ probe: async () => true, browserSaysOnline: () => true }).current()).toBe('unknown');
  });

  it('judges from what requests did: no answer → offline until an answer, whatever came before', () => {
    const seen: Reachability[] = [];
    const c = createConnectivity({ probe: async () => true });
    c.subscribe((r) => seen.push(r));
    expect(c.worthTrying()).toBe(true);
    c.reportNoAnswer();
    expect(c.worthTrying()).toBe(false);
    c.reportNoAnswer();
    c.reportAnswer();
    c.browserWentOffline();
    expect(seen).toEqual(['unknown', 'offline', 'online', 'offline']); // told once per change
  });

  it('shares one probe between concurrent checks', async () => {
    let release!: (answered: boolean) => void;
    const probe = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const c = createConnectivity({ probe });
    const a = c.check();
    const b = c.check();
    release(true);
    expect(await Promise.all([a, b])).toEqual(['online', 'online']);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('re-probes with a capped backoff while offline and active, and stops once an answer comes', async () => {
    const timers = manualTimers();
    let reachable = false;
    const c = createConnectivity({ probe: async () => reachable, active: () => true, reprobeBaseMs: 1_000, reprobeCapMs: 4_000, ...timers });
    c.reportNoAnswer();
    const delays: Array<number | undefined> = [];
    for (let i = 0; i < 4; i++) {
      delays.push(timers.fire());
      await vi.waitFor(() => expect(timers.timers).toHaveLength(1));
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000]);
    reachable = true;
    timers.fire();
    await vi.waitFor(() => expect(c.current()).toBe('online'));
    expect(timers.timers).toEqual([]);
  });

  it('does not probe while inactive (a hidden page) or while the browser says offline, and has no timer at all without `active` (the SW)', async () => {
    const timers = manualTimers();
    const probe = vi.fn(async () => false);
    let visible = false;
    const page = createConnectivity({ probe, active: () => visible, reprobeBaseMs: 1_000, ...timers });
    page.reportNoAnswer();
    timers.fire();
    expect(probe).not.toHaveBeenCalled();
    expect(timers.timers).toHaveLength(1); // waits, re-armed, for the page to be seen again
    visible = true;
    timers.fire();
    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(1));

    // A browser that says it has no network is believed: no probe until it says otherwise.
    let browserOnline = false;
    const believed = manualTimers();
    const hinted = createConnectivity({ probe, active: () => true, browserSaysOnline: () => browserOnline, ...believed });
    hinted.browserWentOffline();
    believed.fire();
    expect(probe).toHaveBeenCalledTimes(1);
    browserOnline = true;
    believed.fire();
    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(2));

    const sw = manualTimers();
    createConnectivity({ probe, ...sw }).reportNoAnswer();
    expect(sw.timers).toEqual([]);
  });
});

describe('healthProbe', () => {
  it('asks /api/health without cache or redirects, and counts only the service’s own JSON as an answer', async () => {
    const inits: RequestInit[] = [];
    const answer = (response: Response | Error) =>
      healthProbe(async (input, init) => {
        expect(input).toBe(`http://app.test${PROBE_PATH}`);
        inits.push(init ?? {});
        if (response instanceof Error) throw response;
        return response;
      }, 'http://app.test');
    expect(await answer(Response.json({ ok: true, db: 'sqlite' }))()).toBe(true);
    expect(await answer(Response.json({ ok: false }, { status: 503 }))()).toBe(true); // the service answered: the network works
    expect(await answer(new Response('<html>Car park Wi-Fi</html>', { status: 200 }))()).toBe(false);
    expect(await answer(new TypeError('Failed to fetch'))()).toBe(false);
    expect(inits[0]).toMatchObject({ cache: 'no-store', redirect: 'error' });
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
  });
});
