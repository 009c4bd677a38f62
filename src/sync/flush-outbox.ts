// Owns sending the outbox: one flusher at a time per origin, each due order sent with its own key, every answer written back.
import { DEFAULT_BACKOFF, longestPlannedWaitMs, planRetry, type BackoffOptions, type Random } from './retry-policy';
import { deferPending, findNextAttemptAt, markNeedsAttention, markRetry, markSending, markSent, rescheduleBeyond, takeDueEntries } from '../storage/outbox-store';
import { postOrder, reachedNoService, type FetchLike } from './api-client';
import type { ConnectivityReports } from './connectivity';

export const FLUSH_LOCK_NAME = 'outbox-flush';

/** What flushOutbox needs from navigator.locks; tests hand in their own. */
export interface LocksLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface FlushOptions {
  fetch: FetchLike;
  now: () => number;
  random: Random;
  /** Defaults to navigator.locks (page and SW share it), else a mutex local to this context. */
  locks?: LocksLike;
  baseUrl?: string;
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /**
   * This context's judgement of the network, told what every request did. While it says offline the
   * flush sends nothing (a probe brings it back); without one, every flush tries.
   */
  connectivity?: ConnectivityReports;
  /** The user pressed "Send now": try even while judged offline (the answer is the feedback). */
  force?: boolean;
}


export interface FlushSummary {
  /** Entries a request was sent for. */
  attempted: number;
  sent: number;
  retrying: number;
  needsAttention: number;
  /** When a pending entry is next due (epoch ms), or undefined when nothing is pending. */
  nextWakeAt: number | undefined;
  /** Sending stopped (or never started) because the service cannot be reached: a successful probe, not a timer, should wake the next flush. */
  offline: boolean;
}

/**
 * Sends every due order once; a 429 ends the pass (the other due orders wait for its Retry-After,
 * unsent), as does a request without an answer. Runs under the 'outbox-flush' lock so tabs and the SW never send at
 * the same time; the server's idempotency keeps it exactly-once even if they do. No fetch is ever
 * awaited inside a transaction: each state change is its own committed transaction, written before
 * (sending) and after (sent / retry / needsAttention) the request. A crash between the two leaves the
 * entry 'sending' and due, so the next flush sends it again with the same key.
 */
export function flushOutbox(options: FlushOptions): Promise<FlushSummary> {
  return locksFor(options).request(FLUSH_LOCK_NAME, () => flushUnlocked(options));
}

async function flushUnlocked(options: FlushOptions): Promise<FlushSummary> {
  const summary: FlushSummary = { attempted: 0, sent: 0, retrying: 0, needsAttention: 0, nextWakeAt: undefined, offline: false };
  const connectivity = options.connectivity;
  // First, so that a clock set back neither delays this pass nor the next wake-up by the skew.
  await rescheduleBeyond(options.now(), longestPlannedWaitMs(options.backoff ?? DEFAULT_BACKOFF));
  if (!options.force && connectivity && !connectivity.worthTrying()) {
    summary.offline = true;
    summary.nextWakeAt = await findNextAttemptAt();
    return summary;
  }
  const due = await takeDueEntries(options.now());
  /** The service answered 429: the pass stops there, and the orders it has not sent yet wait for the same time. */
  let rateLimited = false;
  for (const [index, candidate] of due.entries()) {
    // One order without an answer is enough to know: the others would each wait out their own timeout.
    if (summary.offline) break;
    // Re-read and claim: another flusher may have sent it, or the user replaced it, since we listed it.
    const entry = await markSending(candidate.key, options.now());
    if (!entry) continue;
    summary.attempted++;
    const outcome = await postOrder(
      { fetch: options.fetch, baseUrl: options.baseUrl ?? '', timeoutMs: options.timeoutMs, now: options.now },
      entry.request,
      entry.key,
    );
    const now = options.now();
    if (reachedNoService(outcome)) {
      summary.offline = true;
      connectivity?.reportNoAnswer();
    } else connectivity?.reportAnswer();
    switch (outcome.kind) {
      case 'ok':
        if (await markSent(entry.key, outcome.value, now)) summary.sent++;
        break;
      case 'needsAttention':
        if (await markNeedsAttention(entry.key, outcome.problem, now)) summary.needsAttention++;
        break;
      case 'retry':
      case 'gone': {
        const plan = planRetry({
          attempt: entry.attempts - 1,
          now,
          random: options.random,
          retryAfterMs: outcome.kind === 'retry' ? outcome.retryAfterMs : undefined,
          options: options.backoff ?? DEFAULT_BACKOFF,
        });
        const lastError = outcome.kind === 'retry' ? outcome.reason : 'gone';
        const retryOptions = plan.notBefore === undefined ? { now } : { now, notBefore: plan.notBefore };
        if (await markRetry(entry.key, plan.at, lastError, retryOptions)) summary.retrying++;
        if (outcome.kind === 'retry' && outcome.reason === 'rateLimited') {
          // The limit is the service's for this device, not this order's: every other due order would get
          // 429 too and burn what is left of the budget. They wait for the same time, unsent.
          const rest = due.slice(index + 1).map((other) => other.key);
          await deferPending(rest, plan.notBefore ?? plan.at, { ...retryOptions, lastError });
          rateLimited = true;
        }
        break;
      }
    }
    if (rateLimited) break;
  }
  summary.nextWakeAt = await findNextAttemptAt();
  return summary;
}

/**
 * For the SW's `sync` event: rejects while orders still wait for a retry, so the browser schedules
 * another sync (its own backoff) instead of considering the tag done.
 */
export async function flushForSyncEvent(options: FlushOptions): Promise<FlushSummary> {
  const summary = await flushOutbox(options);
  if (summary.nextWakeAt !== undefined) throw new Error(`Outbox not empty: next attempt at ${new Date(summary.nextWakeAt).toISOString()}`);
  return summary;
}

/** The real clock, randomness and network of the page or SW. */
export function platformFlushOptions(): FlushOptions {
  return { fetch: (input, init) => globalThis.fetch(input, init), now: () => Date.now(), random: Math.random };
}

// ── locking ─────────────────────────────────────────────────────────────────────────────────

function locksFor(options: FlushOptions): LocksLike {
  if (options.locks) return options.locks;
  const native = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (native) return { request: (name, callback) => native.request(name, () => callback()) };
  return localMutex;
}

let tail: Promise<unknown> = Promise.resolve();

/** Fallback where navigator.locks is missing: serialises flushes within this context only. */
const localMutex: LocksLike = {
  request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
    const run = tail.then(callback, callback);
    tail = run.catch(() => undefined);
    return run;
  },
};
