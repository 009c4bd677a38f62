// Idempotency keys: their check, the request fingerprint, and the stored first response (sealed with the key).
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { randomBytesPooled, sha256Hex } from './secrets';

/**
 * Clients send a UUID; anything of 16–128 visible ASCII characters is accepted so other
 * clients can use their own scheme, but a short key is refused: the key protects the stored
 * response (see sealResponse), so it must be hard to guess.
 */
const KEY_PATTERN = /^[\x21-\x7e]{16,128}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** The key is looked up by hash: the database never holds the secret that opens the stored response. */
export function hashIdempotencyKey(key: string): string {
  return sha256Hex(`idempotency-key\0${key}`);
}

/** JSON with sorted keys and no undefined members: equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Fingerprint of the validated, normalised body: "bp12-3456…" and "BP123456…" are the same order. */
export function requestFingerprint(normalisedBody: unknown): string {
  return sha256Hex(canonicalJson(normalisedBody));
}

/** The first answer to a key, as replayed to every retry with the same key and body. */
export interface StoredResponse {
  status: number;
  location?: string;
  body: string;
}

const SEAL_VERSION = 'v1';
const SALT = Buffer.from('mini-radio-code/idempotency/v1');
/** HKDF-Expand's input for the one 32-byte block we need: info || 0x01 (RFC 5869 § 2.3). */
const INFO_FIRST_BLOCK = Buffer.concat([Buffer.from('stored-response'), Buffer.of(1)]);

/**
 * HKDF-SHA256(ikm = key, salt, info = 'stored-response', 32 bytes), written out as its two HMACs
 * (RFC 5869): the same bytes as crypto.hkdfSync (a test holds them equal) at half its cost per order.
 */
export function sealKey(idempotencyKey: string): Buffer {
  const pseudoRandomKey = createHmac('sha256', SALT).update(idempotencyKey, 'utf8').digest();
  return createHmac('sha256', pseudoRandomKey).update(INFO_FIRST_BLOCK).digest();
}

/**
 * The first response holds the order token, and only a hash of the token may be stored.
 * Sealing the response with a key derived from the Idempotency-Key (which only the client
 * knows, and which the database holds only hashed) lets the same client get the same token
 * back on a retry while a copy of the database reveals no token.
 */
export function sealResponse(idempotencyKey: string, response: StoredResponse): string {
  const iv = randomBytesPooled(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(idempotencyKey), iv);
  cipher.setAAD(Buffer.from(SEAL_VERSION));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
  return `${SEAL_VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/** Opens a sealed response; undefined when the key does not fit (which a matching key hash rules out). */
export function openResponse(idempotencyKey: string, sealed: string): StoredResponse | undefined {
  const [version, payload] = sealed.split('.');
  if (version !== SEAL_VERSION || !payload) return undefined;
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length < 28) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(idempotencyKey), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(SEAL_VERSION));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as StoredResponse;
  } catch {
    return undefined;
  }
}
