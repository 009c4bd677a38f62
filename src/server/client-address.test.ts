import { describe, expect, it } from 'vitest';
import { createTestApp, fromAddress } from './testing';
import { createApp } from './app';
import { addressKey, forwardedAddress } from './client-address';

describe('forwardedAddress', () => {
  it('takes the entry the n-th trusted proxy appended (counting from the right)', () => {
    expect(forwardedAddress('198.51.100.7', 1)).toBe('198.51.100.7');
    // The client wrote the first entry itself; one trusted proxy appended the last.
    expect(forwardedAddress('1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7');
    // Two proxies (CDN, then the load balancer): the CDN's entry is the client.
    expect(forwardedAddress('1.1.1.1, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
    expect(forwardedAddress('2001:db8::1, 10.0.0.2', 2)).toBe('2001:db8::1');
    // A chain shorter than the hops: its first entry (written by a trusted proxy).
    expect(forwardedAddress('198.51.100.7', 3)).toBe('198.51.100.7');
  });

  it('believes nothing with no trusted hops, and ignores an entry that is not an IP address', () => {
    expect(forwardedAddress('198.51.100.7', 0)).toBeUndefined();
    expect(forwardedAddress(undefined, 1)).toBeUndefined();
    expect(forwardedAddress('', 1)).toBeUndefined();
    for (const forged of ['evil', 'unknown', '1.2.3.4:80', '999.1.1.1', '1.2.3.4 ; x', '<script>', 'a'.repeat(5000)]) {
      expect(forwardedAddress(`10.0.0.1, ${forged}`, 1)).toBeUndefined();
    }
  });
});

describe('client address in the app', () => {
  it('behind TRUST_PROXY hops, forged or invalid X-Forwarded-For values neither share nor multiply buckets', async () => {
    const t = await createTestApp();
    try {
      const limits = { reads: { capacity: 2, refillPerMinute: 1 } };
      const app = createApp({ repo: t.repo, serverSecret: t.serverSecret, config: { rateLimits: limits, trustProxyHops: 1 }, log: () => undefined });
      const read = (forwardedFor: string) =>
        app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', { headers: { 'X-Forwarded-For': forwardedFor } }, fromAddress('10.0.0.9'));
      // A client inventing a new value each time: invalid → the proxy's socket address, one bucket.
      const forged = [await read('x1'), await read('x2'), await read('x3')];
      expect(forged.map((response) => response.status)).toEqual([404, 404, 429]);
      // A client prepending addresses of its own choosing still counts as the address the proxy saw.
      const prepended = [await read('1.1.1.1, 203.0.113.5'), await read('2.2.2.2, 203.0.113.5'), await read('3.3.3.3, 203.0.113.5')];
      expect(prepended.map((response) => response.status)).toEqual([404, 404, 429]);
    } finally {
      await t.close();
    }
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
