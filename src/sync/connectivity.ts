// Owns the judgement "do requests reach the order service?": made from what requests actually do, with navigator.onLine only as a hint.
import { createStore } from '../domain/observable';
import type { FetchLike } from './api-client';

/**
 * 'offline': the last request failed or timed out (or the browser says it has no network at all).
 * 'online': the last request got an answer from the service.
 * 'unknown': nothing tried yet; worth trying.
 */
export type Reachability = 'online' | 'offline' | 'unknown';

export interface ConnectivityOptions {
  /** A small request to the app's own origin; resolves true when the service answered. Never rejects. */
  probe: () => Promise<boolean>;
  /** navigator.onLine: `false` is believed (no network at all), `true` proves nothing (lie-fi). */
  browserSaysOnline?: () => boolean;
  /** Whether re-probing while offline is worth it now (the page is visible); the SW passes nothing and never re-probes. */
  active?: () => boolean;
  /** Re-probe delays while judged offline: base·2^n, capped. */
  reprobeBaseMs?: number;
  reprobeCapMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface Connectivity {
  current(): Reachability;
  /** Calls `listener` with the judgement now and on every change; returns the unsubscribe function. */
  subscribe(listener: (reachability: Reachability) => void): () => void;
  /** False only while judged offline: automatic sends wait for a probe to succeed instead of failing again. */
  worthTrying(): boolean;
  /** A request got an HTTP answer from the service (any status: the network works). */
  reportAnswer(): void;
  /** A request failed without an answer, timed out, or was answered by something that is not the service. */
  reportNoAnswer(): void;
  /** The browser fired 'offline': believed. */
  browserWentOffline(): void;
  /** The browser fired 'online', the page became visible…: check now, once (concurrent calls share one probe). */
  check(): Promise<Reachability>;
  stop(): void;
}

/** What sending and polling need from a Connectivity: whether to try, and what each request did. */
export type ConnectivityReports = Pick<Connectivity, 'worthTrying' | 'reportAnswer' | 'reportNoAnswer'>;

export const PROBE_PATH = '/api/health';
export const PROBE_TIMEOUT_MS = 5_000;
const DEFAULT_REPROBE_BASE_MS = 2_000;
/** Short enough that returning signal is noticed within seconds; a probe costs one tiny request (offline: none at all). */
const DEFAULT_REPROBE_CAP_MS = 10_000;

export function createConnectivity(options: ConnectivityOptions): Connectivity {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const baseMs = options.reprobeBaseMs ?? DEFAULT_REPROBE_BASE_MS;
  const capMs = options.reprobeCapMs ?? DEFAULT_REPROBE_CAP_MS;
  const store = createStore<Reachability>(options.browserSaysOnline?.() === false ? 'offline' : 'unknown');
  /** Failures in a row (requests and probes): each one doubles the wait before the next probe. */
  let failures = 0;
  let timer: unknown;
  let probing: Promise<Reachability> | undefined;
  let stopped = false;

  function cancelReprobe(): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  }

  function armReprobe(): void {
    cancelReprobe();
    if (stopped || !options.active) return;
    const delay = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(0, failures - 1), 20));
    timer = setTimer(() => {
      timer = undefined;
      // A browser that says it has no network at all is believed: its 'online' event will say when to look again.
      if (options.active?.() && options.browserSaysOnline?.() !== false) void check();
      else armReprobe();
    }, delay);
  }

  function judge(next: Reachability): void {
    if (next === 'offline') {
      failures++;
      armReprobe();
    } else {
      failures = 0;
      cancelReprobe();
    }
    store.set(next);
  }

  function check(): Promise<Reachability> {
    probing ??= options
      .probe()
      .then((answered) => {
        judge(answered ? 'online' : 'offline');
        return store.get();
      })
      .finally(() => {
        probing = undefined;
      });
    return probing;
  }

  return {
    current: store.get,
    subscribe: store.subscribe,
    worthTrying: () => store.get() !== 'offline',
    reportAnswer: () => judge('online'),
    reportNoAnswer: () => judge('offline'),
    browserWentOffline: () => judge('offline'),
    check,
    stop() {
      stopped = true;
      cancelReprobe();
    },
  };
}

/** The reachability probe: GET /api/health, never cached, short timeout; any HTTP answer from our server counts. */
export function healthProbe(fetchLike: FetchLike, baseUrl = '', timeoutMs = PROBE_TIMEOUT_MS): () => Promise<boolean> {
  return async () => {
    try {
      const response = await fetchLike(`${baseUrl}${PROBE_PATH}`, {
        cache: 'no-store',
        redirect: 'error', // a captive portal's redirect is not our server
        credentials: 'omit',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // A portal or proxy may answer 200 with its own page: only our JSON proves the way is open.
      const body = (await response.json().catch(() => undefined)) as { ok?: unknown } | undefined;
      return typeof body === 'object' && body !== null && 'ok' in body;
    } catch {
      return false;
    }
  };
}
