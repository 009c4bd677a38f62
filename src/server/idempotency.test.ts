import { hkdfSync } from 'node:crypto';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashIdempotencyKey, isValidIdempotencyKey, openResponse, requestFingerprint, sealKey, sealResponse } from './idempotency';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('is independent of key order and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const shuffled = JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ) as unknown;
        expect(canonicalJson(shuffled)).toBe(text);
      }),
    );
  });
});

describe('requestFingerprint', () => {
  it('equal for the same order, different for another', () => {
    const a = requestFingerprint({ serial: 'BP1', email: 'a@b.c', caseLabel: undefined });
    expect(requestFingerprint({ email: 'a@b.c', serial: 'BP1' })).toBe(a);
    expect(requestFingerprint({ email: 'a@b.c', serial: 'BP2' })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('idempotency keys', () => {
  it('accepts random UUIDv4s and other keys of at least 128 bits, refuses weak, short or odd ones', () => {
    for (let i = 0; i < 200; i += 1) expect(isValidIdempotencyKey(crypto.randomUUID())).toBe(true);
    // 22 base64url characters (132 bits) and 32 hex digits (128 bits), as random generators make them.
    expect(isValidIdempotencyKey('q3Zr8-Tk_0vWc1YpLm2NxA')).toBe(true);
    expect(isValidIdempotencyKey('9f86d081884c7d659a2feaa0c55ad015')).toBe(true);
    // Weak: one repeated character, few distinct characters, too little room for 128 bits, a non-random UUID.
    expect(isValidIdempotencyKey('aaaaaaaaaaaaaaaa')).toBe(false);
    expect(isValidIdempotencyKey('a'.repeat(128))).toBe(false);
    expect(isValidIdempotencyKey('abababababababababababababababab')).toBe(false);
    expect(isValidIdempotencyKey('client-2026-01-01-abcdef')).toBe(false);
    expect(isValidIdempotencyKey('9f86d081884c7d659a2feaa0c55ad01')).toBe(false);
    expect(isValidIdempotencyKey('00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(isValidIdempotencyKey('short')).toBe(false);
    expect(isValidIdempotencyKey('has space in the middle of a long key')).toBe(false);
    expect(isValidIdempotencyKey('x'.repeat(129))).toBe(false);
    expect(isValidIdempotencyKey('ünïcødé-keys-are-refused-whatever-their-length')).toBe(false);
  });

  it('are looked up by an HMAC under the server secret, never stored as is', () => {
    const key = crypto.randomUUID();
    const secret = Buffer.alloc(32, 7);
    expect(hashIdempotencyKey(key, secret)).toMatch(/^k2:[0-9a-f]{64}$/);
    expect(hashIdempotencyKey(key, secret)).not.toContain(key);
    expect(hashIdempotencyKey(key, secret)).toBe(hashIdempotencyKey(key, Buffer.alloc(32, 7)));
    // Without the secret the stored value cannot be recomputed from a guessed key (unlike a plain hash).
    expect(hashIdempotencyKey(key, Buffer.alloc(32, 8))).not.toBe(hashIdempotencyKey(key, secret));
    expect(hashIdempotencyKey(key, secret)).not.toContain(createHash('sha256').update(`idempotency-key\0${key}`).digest('hex'));
  });
});

describe('sealed responses', () => {
  it('derive their key with HKDF-SHA256 exactly as crypto.hkdfSync does, so responses sealed before still open', () => {
    const salt = Buffer.from('mini-radio-code/idempotency/v1');
    fc.assert(
      fc.property(fc.string({ minLength: 16, maxLength: 128 }), (key) => {
        const expected = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), salt, Buffer.from('stored-response'), 32));
        expect(sealKey(key).equals(expected)).toBe(true);
      }),
    );
  });

  const response = { status: 201, location: '/api/orders/abc', body: '{"id":"abc","token":"secret-token"}' };

  it('open with the same key, and hide the token', () => {
    const key = crypto.randomUUID();
    const sealed = sealResponse(key, response);
    expect(sealed).not.toContain('secret-token');
    expect(Buffer.from(sealed.split('.')[1] ?? '', 'base64url').toString('latin1')).not.toContain('secret-token');
    expect(openResponse(key, sealed)).toEqual(response);
  });

  it('do not open with another key, or when tampered with', () => {
    const sealed = sealResponse(crypto.randomUUID(), response);
    expect(openResponse(crypto.randomUUID(), sealed)).toBeUndefined();
    const key = crypto.randomUUID();
    const good = sealResponse(key, response);
    const bytes = Buffer.from(good.slice(3), 'base64url');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    expect(openResponse(key, `v1.${bytes.toString('base64url')}`)).toBeUndefined();
    expect(openResponse(key, 'v2.xyz')).toBeUndefined();
    expect(openResponse(key, 'garbage')).toBeUndefined();
  });
});
