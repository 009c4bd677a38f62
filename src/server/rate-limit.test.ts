import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type OpenedDatabase } from './database';
import { MemoryRateLimiter, PostgresRateLimiter } from './rate-limit';
import { openTestDatabase, postgresSuitePlan } from './testing';

describe('MemoryRateLimiter', () => {
  it('allows a burst of capacity, then says when the next token comes', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ capacity: 3, refillPerMinute: 6 }, () => now);
    expect([(await limiter.take('a')).ok, (await limiter.take('a')).ok, (await limiter.take('a')).ok]).toEqual([true, true, true]);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 9_000;
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect((await limiter.take('a')).ok).toBe(true);
    expect((await limiter.take('b')).ok).toBe(true);
  });

  it('never holds more than its capacity, and a clock stepping back mints nothing', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter({ capacity: 2, refillPerMinute: 60 }, () => now);
    await limiter.take('a');
    now += 3_600_000;
    expect([(await limiter.take('a')).ok, (await limiter.take('a')).ok, (await limiter.take('a')).ok]).toEqual([true, true, false]);
    now -= 60_000;
    expect((await limiter.take('a')).ok).toBe(false);
  });

  it('check() does not spend; spend() counts even at zero', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ capacity: 1, refillPerMinute: 1 }, () => now);
    expect((await limiter.check('a')).ok).toBe(true);
    expect((await limiter.check('a')).ok).toBe(true);
    await limiter.spend('a');
    await limiter.spend('a');
    expect(await limiter.check('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 60_000;
    expect((await limiter.check('a')).ok).toBe(true);
  });

  it('Retry-After is always a whole number of seconds ≥ 1 and honest (waiting that long succeeds)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 40 }), async (capacity, perMinute, burst) => {
        let now = 0;
        const limiter = new MemoryRateLimiter({ capacity, refillPerMinute: perMinute }, () => now);
        let answer = await limiter.take('k');
        for (let i = 0; i < burst && answer.ok; i += 1) answer = await limiter.take('k');
        if (answer.ok) return;
        expect(Number.isInteger(answer.retryAfterSeconds)).toBe(true);
        expect(answer.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        now += answer.retryAfterSeconds * 1000;
        expect((await limiter.take('k')).ok).toBe(true);
      }),
    );
  });

  it('tracks at most maxKeys addresses, forgetting the one used longest ago (memory stays bounded whatever the address churn)', async () => {
    const now = 0;
    const limiter = new MemoryRateLimiter({ capacity: 1, refillPerMinute: 1 }, () => now, 3);
    await limiter.take('a');
    await limiter.take('b');
    await limiter.take('c');
    // 'a' is used again, so 'b' is now the least recently used.
    expect((await limiter.take('a')).ok).toBe(false);
    await limiter.take('d');
    expect(limiter.size).toBe(3);
    // 'a', 'c' and 'd' kept their spent buckets; 'b' was forgotten and starts full.
    expect((await limiter.check('a')).ok).toBe(false);
    expect((await limiter.check('c')).ok).toBe(false);
    expect((await limiter.check('d')).ok).toBe(false);
    for (let i = 0; i < 10_000; i += 1) await limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(3);
  });

  it('refuses a nonsensical bucket', async () => {
    expect(() => new MemoryRateLimiter({ capacity: 0, refillPerMinute: 1 })).toThrow(RangeError);
    expect(() => new MemoryRateLimiter({ capacity: 1, refillPerMinute: 0 })).toThrow(RangeError);
    expect(() => new MemoryRateLimiter({ capacity: 1, refillPerMinute: 1 }, Date.now, 0)).toThrow(RangeError);
  });
});

const postgres = postgresSuitePlan();

describe.runIf(postgres.run)('PostgresRateLimiter (two instances on one database)', () => {
  let first: OpenedDatabase;
  let second: OpenedDatabase;

  beforeAll(async () => {
    first = await openTestDatabase('postgres');
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(first.db);
    // A second pool on the same schema: what a second server process would have.
    second = openDatabase({ dataDir: '', databaseUrl: process.env.TEST_DATABASE_URL!, pgSchema: rows[0]!.schema });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('shares one allowance between instances: the burst is spent once, whichever instance is asked', async () => {
    const options = { capacity: 3, refillPerMinute: 1 };
    const a = new PostgresRateLimiter(first.pool!, 'shared-orders', options);
    const b = new PostgresRateLimiter(second.pool!, 'shared-orders', options);
    const answers = [await a.take('203.0.113.7'), await b.take('203.0.113.7'), await a.take('203.0.113.7'), await b.take('203.0.113.7')];
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false]);
    const refused = answers[3]!;
    // The window lasts as long as the bucket takes to refill: 3 units at 1 a minute.
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(170);
    expect(refused.ok === false && refused.retryAfterSeconds).toBeLessThanOrEqual(180);
    // Another address and another limit have their own allowance.
    expect((await a.take('203.0.113.8')).ok).toBe(true);
    expect((await new PostgresRateLimiter(first.pool!, 'shared-reads', options).take('203.0.113.7')).ok).toBe(true);
  });

  it('check() does not spend; spend() counted on one instance is seen by the other', async () => {
    const options = { capacity: 2, refillPerMinute: 1 };
    const a = new PostgresRateLimiter(first.pool!, 'shared-failures', options);
    const b = new PostgresRateLimiter(second.pool!, 'shared-failures', options);
    expect((await a.check('x')).ok).toBe(true);
    expect((await a.check('x')).ok).toBe(true);
    await a.spend('x');
    expect((await b.check('x')).ok).toBe(true);
    await b.spend('x');
    expect((await a.check('x')).ok).toBe(false);
    expect((await b.check('x')).ok).toBe(false);
  });

  it('concurrent takes from both instances never let more than the burst through', async () => {
    const options = { capacity: 10, refillPerMinute: 1 };
    const a = new PostgresRateLimiter(first.pool!, 'shared-race', options);
    const b = new PostgresRateLimiter(second.pool!, 'shared-race', options);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('198.51.100.1')));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(10);
  });
});

