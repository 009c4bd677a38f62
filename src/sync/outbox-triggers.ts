// Owns WHEN the page sends and polls: app start, reachable again, visible again, after enqueue, the backoff timer, "send now", Background Sync.
import { singleFlight } from '../domain/single-flight';
import { expediteOrders } from '../storage/outbox-store';
import type { Connectivity } from './connectivity';
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
  /** `reason` says what woke it ('sendNow' when the user asked: try even while judged offline). */
  flush: (reason: string) => Promise<FlushSummary>;
  /** `reason` says what woke it ('sendNow' when the user asked: poll even if another tab just did). */
  poll?: (reason: string) => Promise<PollSummary>;
  now: () => number;
  /** This context's judgement of the network: turning 'online' wakes a run; while 'offline' nothing is polled. */
  connectivity?: Pick<Connectivity, 'subscribe' | 'worthTrying'>;
  /** `document` in the page: its 'visibilitychange' event. */
  visibility?: VisibilitySourceLike;
  /** The SW registration (navigator.serviceWorker.ready), for Background Sync where supported. */
  registration?: Promise<SyncRegistrationLike | undefined>;
  /** While orders wait for their code and the page is visible, ask again this often. */
  pollIntervalMs?: number;
  /** After a run that threw (storage trouble), try again this long after. */
  errorRetryMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Storage or network trouble in a background run (the timer tries again). */
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
  /**
   * The "send now" button: skips the backoff wait (not a server-requested Retry-After), then sends and
   * polls even while judged offline. Waits for a run already under way, so the result is this press's own.
   */
  sendNow(): Promise<TriggerRun>;
  /** Call right after enqueueOrder / editAndRequeue. */
  afterEnqueue(): void;
  stop(): void;
}

export const DEFAULT_POLL_INTERVAL_MS = 60_000;
export const DEFAULT_ERROR_RETRY_MS = 30_000;

export function startOutboxTriggers(options: OutboxTriggerOptions): OutboxTriggers {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const errorRetryMs = options.errorRetryMs ?? DEFAULT_ERROR_RETRY_MS;
  const worthTrying = (): boolean => options.connectivity?.worthTrying() ?? true;
  let stopped = false;
  let timer: unknown;

  const visible = (): boolean => (options.visibility ? options.visibility.visibilityState === 'visible' : true);

  async function runOnce(reason: string): Promise<TriggerRun> {
    let result: TriggerRun;
    try {
      const flush = await options.flush(reason);
      result = { reason, flush };
      if (options.poll && (reason === 'sendNow' || worthTrying())) result.poll = await options.poll(reason);
    } catch (error) {
      // Storage trouble: nothing else may come along to wake the outbox, so the timer must.
      wakeAt(options.now() + errorRetryMs);
      throw error;
    }
    if (result.flush.nextWakeAt !== undefined) void registerSync();
    schedule(result);
    options.onRun?.(result);
    return result;
  }

  const flight = singleFlight(runOnce, { shouldRerun: () => !stopped, onRerunError: report });
  const run = (reason: string): Promise<TriggerRun> => flight.run(reason);

  function report(error: unknown): void {
    options.onError?.(error);
  }

  function schedule(result: TriggerRun): void {
    const now = options.now();
    // Unreachable: the connectivity's probe, not the backoff timer, says when trying again is worth it.
    let at = result.flush.offline && options.connectivity ? undefined : result.flush.nextWakeAt;
    if (result.poll && result.poll.waiting > 0 && visible() && worthTrying()) at = Math.min(at ?? Infinity, now + pollIntervalMs);
    wakeAt(at);
  }

  function wakeAt(at: number | undefined): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (stopped || at === undefined || !Number.isFinite(at)) return;
    timer = setTimer(() => {
      timer = undefined;
      void run('timer').catch(report);
    }, Math.min(MAX_TIMER_MS, Math.max(0, at - options.now())));
  }

  async function registerSync(): Promise<void> {
    try {
      const registration = await options.registration;
      await registration?.sync?.register(SYNC_TAG);
    } catch {
      // No permission or no support: the page's own triggers still run.
    }
  }

  // Only offline → online wakes a run: 'unknown' was worth trying already, so its runs have tried.
  let previous: string | undefined;
  const unsubscribeConnectivity = options.connectivity?.subscribe((reachability) => {
    if (previous === 'offline' && reachability === 'online') void run('online').catch(report);
    previous = reachability;
  });
  const onVisibility = (): void => {
    if (visible()) void run('visible').catch(report);
  };
  options.visibility?.addEventListener('visibilitychange', onVisibility);
  void run('start').catch(report);

  return {
    async sendNow() {
      await expediteOrders(options.now());
      // The press deserves its own run: wait out one under way (and the rerun it may have queued).
      for (let current = flight.running; current; current = flight.running) await current.catch(() => undefined);
      return run('sendNow');
    },
    afterEnqueue() {
      void registerSync();
      void run('enqueue').catch(report);
    },
    stop() {
      stopped = true;
      wakeAt(undefined);
      unsubscribeConnectivity?.();
      options.visibility?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
