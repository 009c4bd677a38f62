import { hkdfSync } from 'node:crypto';
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
  it('accepts UUIDs and other long printable keys, refuses short or odd ones', () => {
    expect(isValidIdempotencyKey(crypto.randomUUID())).toBe(true);
    expect(isValidIdempotencyKey('client-2026-01-01-abcdef')).toBe(true);
    expect(isValidIdempotencyKey('short')).toBe(false);
    expect(isValidIdempotencyKey('has space in the middle')).toBe(false);
    expect(isValidIdempotencyKey('x'.repeat(129))).toBe(false);
    expect(isValidIdempotencyKey('ünïcødé-keys-are-refused')).toBe(false);
  });

  it('are stored hashed', () => {
    const key = crypto.randomUUID();
    expect(hashIdempotencyKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIdempotencyKey(key)).not.toContain(key);
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
