// Token buckets per client address, and how the client address is found (socket, or proxy header when trusted).
import { isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface BucketOptions {
  /** Burst size: how many requests a quiet client may make at once. */
  capacity: number;
  /** Steady rate at which spent tokens come back. */
  refillPerMinute: number;
}

export type Clock = () => number;

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Above this many tracked addresses, full buckets are forgotten (they hold no information). */
const SWEEP_THRESHOLD = 10_000;

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;

  constructor(
    readonly options: BucketOptions,
    private readonly clock: Clock = Date.now,
  ) {
    if (!(options.capacity >= 1) || !(options.refillPerMinute > 0)) {
      throw new RangeError('a bucket needs capacity >= 1 and refillPerMinute > 0');
    }
    this.#perMs = options.refillPerMinute / 60_000;
  }

  /** Spends one token if there is one; otherwise says how long until there is. */
  take(key: string): TakeResult {
    const bucket = this.#refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: this.#secondsUntilToken(bucket) };
  }

  /** Like take() without spending: for limits that only count failures (admin authentication). */
  check(key: string): TakeResult {
    const bucket = this.#refilled(key);
    return bucket.tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: this.#secondsUntilToken(bucket) };
  }

  /** Spends a token even when that empties the bucket (a failure is counted whatever the balance). */
  spend(key: string): void {
    const bucket = this.#refilled(key);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  get size(): number {
    return this.#buckets.size;
  }

  #refilled(key: string): Bucket {
    const now = this.clock();
    if (this.#buckets.size > SWEEP_THRESHOLD) this.#sweep(now);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.options.capacity, at: now };
      this.#buckets.set(key, bucket);
      return bucket;
    }
    // A clock that steps backwards (NTP) must not mint or burn tokens.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + elapsed * this.#perMs);
    bucket.at = now;
    return bucket;
  }

  #secondsUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.options.capacity) this.#buckets.delete(key);
    }
  }
}

/**
 * The key a client is limited under. IPv6 hosts get a whole /64 each, so they are keyed by
 * prefix; IPv4-mapped addresses count as the IPv4 they are.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * The client address. The socket is the truth; X-Forwarded-For is believed only behind a proxy
 * we were told to trust, and then only its last entry (the one that proxy appended itself).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (app.request / app.fetch in tests) have no socket.
    return 'unknown';
  }
}
