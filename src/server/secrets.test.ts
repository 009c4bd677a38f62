import { describe, expect, it } from 'vitest';
import { bearerToken, looksLikeRandomToken, matchesHash, randomBytesPooled, randomToken, secretsEqual, sha256Hex } from './secrets';

describe('secrets', () => {
  it('random tokens carry 128 bits, URL-safe, and do not repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, randomToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
      expect(looksLikeRandomToken(token)).toBe(true);
    }
    expect(looksLikeRandomToken('../../etc/passwd')).toBe(false);
  });

  it('pooled random bytes are fresh copies, across pool refills', () => {
    const draws = Array.from({ length: 1000 }, () => randomBytesPooled(12));
    expect(new Set(draws.map((bytes) => bytes.toString('hex'))).size).toBe(1000);
    const first = draws[0]!;
    const copy = Buffer.from(first);
    randomBytesPooled(4096);
    expect(first.equals(copy)).toBe(true);
    expect(() => randomBytesPooled(4097)).toThrow(RangeError);
  });

  it('compares secrets of any length without throwing', () => {
    expect(secretsEqual('same-secret', 'same-secret')).toBe(true);
    expect(secretsEqual('same-secret', 'same-secreT')).toBe(false);
    expect(secretsEqual('', 'a-much-longer-secret-value')).toBe(false);
  });

  it('matches a presented token against its stored hash', () => {
    const token = randomToken();
    expect(matchesHash(token, sha256Hex(token))).toBe(true);
    expect(matchesHash(`${token}x`, sha256Hex(token))).toBe(false);
    expect(matchesHash(token, 'not-hex')).toBe(false);
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
