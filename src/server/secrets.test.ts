import { describe, expect, it } from 'vitest';
import { bearerToken, looksLikeRandomToken, matchesHash, randomToken, secretsEqual, sha256Hex } from './secrets';

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
