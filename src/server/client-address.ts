// Who is asking: the client address from the socket, or from X-Forwarded-For behind a known number of trusted proxies.
import { isIP, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The peer of the TCP connection; in-process requests (app.request in tests) have none. */
function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The address `trustedHops` proxies vouch for. Each proxy appends the address it received the
 * request from, so with n trusted proxies the n-th entry from the right is the one the outermost
 * trusted proxy saw; everything left of it came from the client and may be made up. A chain
 * shorter than n (a proxy skipped) yields its first entry, which a trusted proxy still wrote.
 * Returns undefined when that entry is not an IP address (a misconfigured proxy, or a forgery
 * passed through): the caller then falls back to the socket.
 */
export function forwardedAddress(forwardedFor: string | undefined, trustedHops: number): string | undefined {
  if (trustedHops < 1 || !forwardedFor) return undefined;
  const entries = forwardedFor.split(',').map((entry) => entry.trim());
  const candidate = entries[Math.max(0, entries.length - trustedHops)];
  return candidate !== undefined && isIP(candidate) !== 0 ? candidate : undefined;
}

/** The client address: the socket, unless `trustedHops` proxies in front of us say otherwise (validated). */
export function clientAddress(c: Context, trustedHops: number): string {
  return forwardedAddress(c.req.header('x-forwarded-for'), trustedHops) ?? socketAddress(c);
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
