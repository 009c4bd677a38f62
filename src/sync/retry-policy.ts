// When to try again: capped exponential backoff with full jitter, and the server's Retry-After. Pure: time and randomness come in.

export interface BackoffOptions {
  /** Upper bound of the first retry's delay. */
  baseMs: number;
  /** No delay drawn from the backoff is ever longer than this. */
  capMs: number;
  /** A Retry-After longer than this is clamped: a wrong header must not park an order for days. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = {
  baseMs: 2_000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/** A source of uniform numbers in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): a uniform draw from
 * [0, min(cap, base·2^attempt)). Spreads many devices coming back online at once better than
 * equal or decorrelated jitter. `attempt` counts failures so far, starting at 0.
 */
export function backoffDelay(attempt: number, random: Random, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30); // 2^30·base already exceeds any cap
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const draw = clampUnit(random());
  return Math.floor(draw * ceiling);
}

/**
 * Parses a Retry-After header value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date.
 * Returns the delay in milliseconds from `now`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  // Only accept something that looks like a date: Date.parse is lenient and reads "12" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface RetryInput {
  /** Failures so far, 0 for the first failure. */
  attempt: number;
  now: number;
  random: Random;
  /** Delay the server asked for (from parseRetryAfter), if any. */
  retryAfterMs?: number | undefined;
  options?: BackoffOptions;
}

export interface RetryPlan {
  /** Epoch ms of the next attempt. */
  at: number;
  /** Epoch ms before which even "send now" must not try: set only when the server asked for a pause. */
  notBefore?: number;
}

/**
 * The server's word wins when it gave one (clamped to maxRetryAfterMs), plus a small jitter of up
 * to one base delay so that devices told the same HTTP-date do not all come back in the same second.
 * Without it: full-jitter backoff.
 */
export function planRetry(input: RetryInput): RetryPlan {
  const options = input.options ?? DEFAULT_BACKOFF;
  if (input.retryAfterMs !== undefined && Number.isFinite(input.retryAfterMs)) {
    const wait = Math.min(Math.max(0, input.retryAfterMs), options.maxRetryAfterMs);
    const notBefore = input.now + wait;
    const spread = Math.floor(clampUnit(input.random()) * options.baseMs);
    return { at: notBefore + spread, notBefore };
  }
  return { at: input.now + backoffDelay(input.attempt, input.random, options) };
}

/**
 * How far ahead of its own clock any plan here may reach: the backoff cap plus the longest Retry-After
 * honoured and its spread (a margin over the exact maximum, as page and SW could differ in options).
 * A stored time further ahead than this from now was written by a clock that has since been set back.
 */
export function longestPlannedWaitMs(options: BackoffOptions = DEFAULT_BACKOFF): number {
  return options.capMs + options.maxRetryAfterMs + options.baseMs;
}

function clampUnit(x: number): number {
  if (!Number.isFinite(x) || x < 0) return 0;
  return x >= 1 ? 1 - Number.EPSILON : x;
}
