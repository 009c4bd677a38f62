// Random ids and tokens, their stored hashes, and the constant-time comparison of secrets.
import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';

/** 16 bytes = 128 bits of randomness, as 22 URL-safe characters. */
export const RANDOM_BYTES = 16;
const RANDOM_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * Random bytes come from a pool refilled 4 KiB at a time from the CSPRNG, as Node's randomUUID does:
 * one system call per 256 tokens instead of one per token (an order takes three). Each byte is handed out once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

function takeFromPool(size: number): number {
  if (size > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} random bytes at a time`);
  if (poolOffset + size > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += size;
  return start;
}

/** `size` fresh random bytes (a copy: the caller may keep or change them). */
export function randomBytesPooled(size: number): Buffer {
  const start = takeFromPool(size);
  return Buffer.from(pool.subarray(start, start + size));
}

export function randomToken(): string {
  const start = takeFromPool(RANDOM_BYTES);
  return pool.toString('base64url', start, start + RANDOM_BYTES);
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
