// Rate limiters: token buckets in process memory (one instance, hard-capped), or windows shared in PostgreSQL (several instances).
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export interface BucketOptions {
  /** Burst size: how many requests a quiet client may make at once. */
  capacity: number;
  /** Steady rate at which spent allowance comes back. */
  refillPerMinute: number;
}

export type Clock = () => number;

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** One limit, keyed by client (or a constant key for a global limit). */
export interface RateLimiter {
  /** Spends one unit if there is one; otherwise says how long until there is. */
  take(key: string): Promise<TakeResult>;
  /** Like take() without spending: for limits that only count failures (admin authentication). */
  check(key: string): Promise<TakeResult>;
  /** Spends one unit even when that empties the allowance (a failure is counted whatever the balance). */
  spend(key: string): Promise<void>;
}

/** Makes the limiter for one named limit; the app asks for each limit once. */
export type RateLimiterFactory = (name: string, options: BucketOptions) => RateLimiter;

function checkOptions(options: BucketOptions): void {
  if (!(options.capacity >= 1) || !(options.refillPerMinute > 0)) {
    throw new RangeError('a bucket needs capacity >= 1 and refillPerMinute > 0');
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * How many keys one memory limiter tracks at most (about 100 bytes each). Past the cap the key
 * used longest ago is forgotten: that client starts again with a full bucket, which is the
 * price of bounded memory when someone cycles through more addresses than this.
 */
export const MEMORY_LIMITER_MAX_KEYS = 50_000;

/**
 * Token buckets in this process: exact and cheap, for the single-instance SQLite setup.
 * The Map's insertion order doubles as recency order (a used key is re-inserted at the end),
 * so evicting the least recently used key is O(1): no sweep over all keys on any request.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;

  constructor(
    readonly options: BucketOptions,
    private readonly clock: Clock = Date.now,
    private readonly maxKeys: number = MEMORY_LIMITER_MAX_KEYS,
  ) {
    checkOptions(options);
    if (!(maxKeys >= 1)) throw new RangeError('maxKeys must be at least 1');
    this.#perMs = options.refillPerMinute / 60_000;
  }

  take(key: string): Promise<TakeResult> {
    const bucket = this.#refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Promise.resolve({ ok: true });
    }
    return Promise.resolve({ ok: false, retryAfterSeconds: this.#secondsUntilToken(bucket) });
  }

  check(key: string): Promise<TakeResult> {
    const bucket = this.#refilled(key);
    return Promise.resolve(bucket.tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: this.#secondsUntilToken(bucket) });
  }

  spend(key: string): Promise<void> {
    const bucket = this.#refilled(key);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    return Promise.resolve();
  }

  get size(): number {
    return this.#buckets.size;
  }

  #refilled(key: string): Bucket {
    const now = this.clock();
    let bucket = this.#buckets.get(key);
    if (bucket) {
      this.#buckets.delete(key);
      // A clock that steps backwards (NTP) must not mint or burn tokens.
      const elapsed = Math.max(0, now - bucket.at);
      bucket.tokens = Math.min(this.options.capacity, bucket.tokens + elapsed * this.#perMs);
      bucket.at = now;
    } else {
      bucket = { tokens: this.options.capacity, at: now };
      if (this.#buckets.size >= this.maxKeys) {
        const oldest = this.#buckets.keys().next();
        if (!oldest.done) this.#buckets.delete(oldest.value);
      }
    }
    this.#buckets.set(key, bucket);
    return bucket;
  }

  #secondsUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }
}

export function memoryRateLimiters(clock: Clock = Date.now): RateLimiterFactory {
  return (_name, options) => new MemoryRateLimiter(options, clock);
}

/** The table the shared limiters keep their windows in (created by migration 0002, on both engines). */
export const RATE_LIMIT_TABLE = 'rate_limits';

function retryAfter(res: RateLimiterRes): TakeResult {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/**
 * A limit shared by every instance on one PostgreSQL (rate-limiter-flexible's PostgreSQL store:
 * one atomic upsert per request). It counts in fixed windows rather than a token bucket: the
 * burst is the window's allowance and the window lasts as long as the bucket takes to refill,
 * so the long-run rate is the same as the memory limiter's.
 */
export class PostgresRateLimiter implements RateLimiter {
  readonly #limiter: RateLimiterPostgres;

  constructor(pool: pg.Pool, name: string, options: BucketOptions) {
    checkOptions(options);
    this.#limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      keyPrefix: name,
      points: options.capacity,
      duration: Math.max(1, Math.ceil((options.capacity / options.refillPerMinute) * 60)),
      // The library's in-process shortcut would make instances disagree; every decision goes to the table.
      inMemoryBlockOnConsumed: 0,
    });
  }

  async take(key: string): Promise<TakeResult> {
    try {
      await this.#limiter.consume(key, 1);
      return { ok: true };
    } catch (rejection) {
      // The library rejects with a RateLimiterRes when the limit is reached, with an Error when the store failed.
      if (rejection instanceof RateLimiterRes) return retryAfter(rejection);
      throw rejection;
    }
  }

  async check(key: string): Promise<TakeResult> {
    const res = await this.#limiter.get(key);
    if (res === null || res.consumedPoints < this.#limiter.points) return { ok: true };
    return retryAfter(res);
  }

  async spend(key: string): Promise<void> {
    await this.#limiter.penalty(key, 1);
  }
}

export function postgresRateLimiters(pool: pg.Pool): RateLimiterFactory {
  return (name, options) => new PostgresRateLimiter(pool, name, options);
}
