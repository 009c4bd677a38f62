// Random ids and tokens, their stored hashes, and the constant-time comparison of secrets.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 16 bytes = 128 bits of randomness, as 22 URL-safe characters. */
export const RANDOM_BYTES = 16;
const RANDOM_TOKEN = /^[A-Za-z0-9_-]{22}$/;

export function randomToken(): string {
  return randomBytes(RANDOM_BYTES).toString('base64url');
}

/** True for something randomToken() could have made: anything else is answered without a lookup. */
export function looksLikeRandomToken(value: string): boolean {
  return RANDOM_TOKEN.test(value);
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function sha256Hex(value: string): string {
  return sha256(value).toString('hex');
}

/**
 * Compares two secrets in time that depends on neither: both are hashed first so the
 * comparison is over equal lengths (timingSafeEqual throws otherwise, and a length check would leak).
 */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

/** Compares a presented secret with a stored sha256 hex digest, in constant time. */
export function matchesHash(presented: string, storedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const digest = sha256(presented);
  // A malformed stored value still costs one comparison, against itself, so timing says nothing.
  if (stored.length !== digest.length) return timingSafeEqual(digest, digest) && false;
  return timingSafeEqual(digest, stored);
}

/** The token of "Authorization: Bearer <token>", or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header ?? '');
  return match?.[1];
}
