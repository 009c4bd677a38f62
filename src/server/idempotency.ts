// Idempotency keys: their check, the request fingerprint, and the stored first response (sealed with the key).
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { randomBytesPooled, sha256Hex } from './secrets';

const VISIBLE_ASCII = /^[\x21-\x7e]{1,128}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The strength asked of a key: it protects the stored response (see sealResponse), so it must be unguessable. */
export const MIN_KEY_BITS = 128;
/**
 * Fewer distinct characters than this is not what a random generator makes (for 32 random hex
 * digits, the chance is about 4 in 100 million): "aaaa…" or "1212…" is refused whatever its length.
 */
const MIN_DISTINCT_CHARACTERS = 8;

/** The size of the alphabet a key draws from, judged by the character classes it uses. */
function alphabetSize(key: string): number {
  if (/^[0-9a-f]+$/.test(key) || /^[0-9A-F]+$/.test(key)) return 16;
  let size = 0;
  if (/[0-9]/.test(key)) size += 10;
  if (/[a-z]/.test(key)) size += 26;
  if (/[A-Z]/.test(key)) size += 26;
  if (/[-_]/.test(key)) size += 2;
  if (/[^0-9A-Za-z_-]/.test(key)) size += 30;
  return size;
}

/**
 * A key must be able to hold 128 bits: a UUIDv4 (what the app sends: 122 random bits, the
 * standard's best), or at most 128 visible ASCII characters whose length and character classes
 * give at least 128 bits (22 base64url, 32 hex characters), and that do not look made by hand
 * (too few distinct characters). One string cannot prove its randomness; this refuses keys that
 * are certainly weak.
 */
export function isValidIdempotencyKey(key: string): boolean {
  if (!VISIBLE_ASCII.test(key)) return false;
  if (new Set(key).size < MIN_DISTINCT_CHARACTERS) return false;
  if (UUID_V4.test(key)) return true;
  return key.length * Math.log2(alphabetSize(key)) >= MIN_KEY_BITS;
}

/**
 * The key is looked up by an HMAC under the server secret: the database never holds the secret
 * that opens the stored response, and without the server secret its lookup value cannot be
 * checked against guessed keys either.
 */
export function hashIdempotencyKey(key: string, serverSecret: Buffer): string {
  return `${KEY_HASH_PREFIX}${createHmac('sha256', serverSecret).update(`idempotency-key\0${key}`, 'utf8').digest('hex')}`;
}

/** Marks the HMAC lookup values, so rows stored under the older plain SHA-256 can be told apart. */
export const KEY_HASH_PREFIX = 'k2:';

/** How migration 0001's rows were keyed (plain SHA-256): only to find orders placed before the upgrade. */
export function legacyIdempotencyKeyHash(key: string): string {
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
