import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst of capacity, then says when the next token comes', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, refillPerMinute: 6 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 9_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('never holds more than its capacity, and a clock stepping back mints nothing', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ capacity: 2, refillPerMinute: 60 }, () => now);
    limiter.take('a');
    now += 3_600_000;
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, false]);
    now -= 60_000;
    expect(limiter.take('a').ok).toBe(false);
  });

  it('check() does not spend; spend() counts even at zero', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 1, refillPerMinute: 1 }, () => now);
    expect(limiter.check('a').ok).toBe(true);
    expect(limiter.check('a').ok).toBe(true);
    limiter.spend('a');
    limiter.spend('a');
    expect(limiter.check('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 60_000;
    expect(limiter.check('a').ok).toBe(true);
  });

  it('Retry-After is always a whole number of seconds ≥ 1 and honest (waiting that long succeeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 40 }), (capacity, perMinute, burst) => {
        let now = 0;
        const limiter = new RateLimiter({ capacity, refillPerMinute: perMinute }, () => now);
        let answer = limiter.take('k');
        for (let i = 0; i < burst && answer.ok; i += 1) answer = limiter.take('k');
        if (answer.ok) return;
        expect(Number.isInteger(answer.retryAfterSeconds)).toBe(true);
        expect(answer.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        now += answer.retryAfterSeconds * 1000;
        expect(limiter.take('k').ok).toBe(true);
      }),
    );
  });

  it('forgets full buckets when it tracks very many addresses', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 1, refillPerMinute: 60 }, () => now);
    for (let i = 0; i < 10_002; i += 1) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBeGreaterThan(10_000);
    now += 2_000;
    limiter.take('new');
    expect(limiter.size).toBe(1);
  });

  it('refuses a nonsensical bucket', () => {
    expect(() => new RateLimiter({ capacity: 0, refillPerMinute: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ capacity: 1, refillPerMinute: 0 })).toThrow(RangeError);
  });
});

describe('addressKey', () => {
  it('keys IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
