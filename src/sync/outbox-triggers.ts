// Owns WHEN the page sends and polls: app start, online, visible again, after enqueue, the backoff timer, "send now", Background Sync.
import { expediteOrders } from '../storage/outbox-store';
import type { FlushSummary } from './flush-outbox';
import type { PollSummary } from './poll-orders';

export const SYNC_TAG = 'outbox';
/** setTimeout's ceiling (2^31 − 1 ms); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/** Only what is used, so this compiles for the SW as well (no DOM types). */
export interface EventSourceLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
export interface VisibilitySourceLike extends EventSourceLike {
  readonly visibilityState: string;
}
export interface SyncRegistrationLike {
  sync?: { register(tag: string): Promise<void> };
}

export interface OutboxTriggerOptions {
  flush: () => Promise<FlushSummary>;
  /** `reason` says what woke it ('sendNow' when the user asked: poll even if another tab just did). */
  poll?: (reason: string) => Promise<PollSummary>;
  now: () => number;
  /** `window` in the page: its 'online' event. */
  connectivity?: EventSourceLike;
  /** `document` in the page: its 'visibilitychange' event. */
  visibility?: VisibilitySourceLike;
  /** The SW registration (navigator.serviceWorker.ready), for Background Sync where supported. */
  registration?: Promise<SyncRegistrationLike | undefined>;
  isOnline?: () => boolean;
  /** While orders wait for their code and the page is visible, ask again this often. */
  pollIntervalMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Storage or network trouble in a background run (the next trigger tries again). */
  onError?: (error: unknown) => void;
  /** After every run, for a status line ("2 orders waiting to send"). */
  onRun?: (result: TriggerRun) => void;
}

export interface TriggerRun {
  reason: string;
  flush: FlushSummary;
  poll?: PollSummary;
}

export interface OutboxTriggers {
  /** The "send now" button: skips the backoff wait (not a server-requested Retry-After), then sends and polls. */
  sendNow(): Promise<TriggerRun>;
  /** Call right after enqueueOrder / editAndRequeue. */
  afterEnqueue(): void;
  stop(): void;
}

export const DEFAULT_POLL_INTERVAL_MS = 60_000;

export function startOutboxTriggers(options: OutboxTriggerOptions): OutboxTriggers {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const isOnline = options.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false);
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let stopped = false;
  let timer: unknown;
  let running: Promise<TriggerRun> | undefined;
  let rerun: string | undefined;

  const visible = (): boolean => (options.visibility ? options.visibility.visibilityState === 'visible' : true);

  async function runOnce(reason: string): Promise<TriggerRun> {
    const flush = await options.flush();
    const result: TriggerRun = { reason, flush };
    if (options.poll && isOnline()) result.poll = await options.poll(reason);
    if (flush.nextWakeAt !== undefined) void registerSync();
    schedule(result);
    options.onRun?.(result);
    return result;
  }

  // Single flight with at most one queued rerun: a burst of triggers costs two runs, not ten.
  function run(reason: string): Promise<TriggerRun> {
    if (running) {
      rerun = reason;
      return running;
    }
    const current = runOnce(reason).finally(() => {
      running = undefined;
      if (rerun !== undefined && !stopped) {
        const again = rerun;
        rerun = undefined;
        void run(again).catch(report);
      }
    });
    running = current;
    return current;
  }

  function report(error: unknown): void {
    options.onError?.(error);
  }

  function schedule(result: TriggerRun): void {
    if (stopped) return;
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const now = options.now();
    let at = result.flush.nextWakeAt;
    if (result.poll && result.poll.waiting > 0 && visible()) at = Math.min(at ?? Infinity, now + pollIntervalMs);
    if (at === undefined || !Number.isFinite(at)) return;
    timer = setTimer(() => {
      timer = undefined;
      void run('timer').catch(report);
    }, Math.min(MAX_TIMER_MS, Math.max(0, at - now)));
  }

  async function registerSync(): Promise<void> {
    try {
      const registration = await options.registration;
      await registration?.sync?.register(SYNC_TAG);
    } catch {
      // No permission or no support: the page's own triggers still run.
    }
  }

  const onOnline = (): void => void run('online').catch(report);
  const onVisibility = (): void => {
    if (visible()) void run('visible').catch(report);
  };
  options.connectivity?.addEventListener('online', onOnline);
  options.visibility?.addEventListener('visibilitychange', onVisibility);
  void run('start').catch(report);

  return {
    async sendNow() {
      await expediteOrders(options.now());
      return run('sendNow');
    },
    afterEnqueue() {
      void registerSync();
      void run('enqueue').catch(report);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      options.connectivity?.removeEventListener('online', onOnline);
      options.visibility?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
