import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay, longestPlannedWaitMs, parseRetryAfter, planRetry } from './retry-policy';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const top = () => 0.999999;

describe('backoffDelay (full jitter)', () => {
  it('draws from [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, () => r);
        const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** Math.min(attempt, 30));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }),
    );
  });

  it('grows with the attempt and stops at the cap', () => {
    expect(backoffDelay(0, top)).toBe(1_999);
    expect(backoffDelay(1, top)).toBe(3_999);
    expect(backoffDelay(20, top)).toBe(299_999);
    expect(backoffDelay(0, () => 0)).toBe(0);
  });

  it('survives a broken random source', () => {
    expect(backoffDelay(3, () => Number.NaN)).toBe(0);
    expect(backoffDelay(3, () => 1)).toBeLessThan(16_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '12 s', 'Tue']) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('planRetry', () => {
  it('uses the backoff without a Retry-After', () => {
    expect(planRetry({ attempt: 2, now: NOW, random: () => 0.5 })).toEqual({ at: NOW + 4_000 });
  });

  it('never goes earlier than Retry-After, clamps an absurd one, and spreads devices by up to one base delay', () => {
    fc.assert(
      fc.property(fc.nat(10 * 3_600_000), fc.nat(50), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (ms, attempt, r) => {
        const plan = planRetry({ attempt, now: NOW, random: () => r, retryAfterMs: ms });
        const wait = Math.min(ms, DEFAULT_BACKOFF.maxRetryAfterMs);
        expect(plan.notBefore).toBe(NOW + wait);
        expect(plan.at).toBeGreaterThanOrEqual(NOW + wait);
        expect(plan.at).toBeLessThan(NOW + wait + DEFAULT_BACKOFF.baseMs);
      }),
    );
  });
});

describe('longestPlannedWaitMs (what a clock set back is told apart by)', () => {
  it('no plan ever reaches further ahead of its own now, whatever the attempt, draw or Retry-After', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 1e12, noNaN: true }), { nil: undefined }),
        (attempt, r, retryAfterMs) => {
          const plan = planRetry({ attempt, now: NOW, random: () => r, retryAfterMs });
          expect(plan.at - NOW).toBeLessThanOrEqual(longestPlannedWaitMs());
          expect((plan.notBefore ?? NOW) - NOW).toBeLessThanOrEqual(longestPlannedWaitMs());
        },
      ),
    );
  });

  it('is the cap plus the longest Retry-After honoured (and its spread)', () => {
    expect(longestPlannedWaitMs({ baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 3_600_000 })).toBe(3_661_000);
  });
});
