// Placing an order exactly once per Idempotency-Key: one commit of the order with its first response; replay, conflict, in-flight.
import type { OrderReceipt, OrderRequest } from '../domain/order';
import type { Price } from '../domain/price';
import { hashIdempotencyKey, legacyIdempotencyKeyHash, openResponse, requestFingerprint, sealResponse, type StoredResponse } from './idempotency';
import type { IdempotencyRecord, OrdersRepo } from './orders-repo';
import { randomToken, sha256Hex } from './secrets';

export type PlaceOrderResult =
  | { kind: 'created'; id: string; response: StoredResponse }
  | { kind: 'replayed'; id: string; response: StoredResponse }
  /** The key was used for a different order: 422. */
  | { kind: 'keyReused' }
  /** The first request with this key is still being answered: 409, retry later. */
  | { kind: 'inFlight' };

export interface PlaceOrderOptions {
  now: () => Date;
  pendingTimeoutMs: number;
  /** Keys the HMAC under which Idempotency-Keys are looked up (server-secret.ts). */
  serverSecret: Buffer;
  /**
   * The database still holds orders whose key was stored as a plain SHA-256 (before the HMAC): a
   * retry of such an order must find it, not make a second one. main.ts turns this on only then.
   */
  legacyKeyLookup?: boolean;
  /** Payment on: the order waits for payment at this price. */
  price?: Price;
}

export function orderLocation(id: string): string {
  return `/api/orders/${id}`;
}

/** The 201 of a new order; stored (sealed) with the row so that every retry with the key gets it back. */
function createdResponse(id: string, token: string, createdAt: Date, price: Price | undefined): StoredResponse {
  const receipt: OrderReceipt = { id, token, status: price ? 'awaiting_payment' : 'received', createdAt: createdAt.toISOString() };
  return { status: 201, location: orderLocation(id), body: JSON.stringify(receipt) };
}

/** What answering a key that already has a row needs: the request's key and fingerprint, and where to write. */
interface KeyContext {
  repo: OrdersRepo;
  key: string;
  /** The request's fingerprint; undefined when its body could not be read at all (it matches no stored order). */
  fingerprint: string | undefined;
  options: PlaceOrderOptions;
}

// Completes a pending row (left by a version that wrote two commits, or taken over below); answers after
// the commit. An attempt that stalled past the pending timeout may find its row taken over by a retry
// (which wrote its own token hash): it then answers like an in-flight request, and the client's next
// retry gets the winner's stored response, whose token matches the order.
async function complete(context: KeyContext, id: string, token: string, tokenHash: string, createdAt: Date): Promise<PlaceOrderResult> {
  const { repo, key, options } = context;
  const response = createdResponse(id, token, createdAt, options.price);
  const completed = await repo.completePending(id, tokenHash, { status: response.status, sealed: sealResponse(key, response) }, options.now());
  return completed ? { kind: 'created', id, response } : { kind: 'inFlight' };
}

/** A request whose key already has a row (under `rowKeyHash`): replay, conflict, wait or take over. */
async function answerExisting(context: KeyContext, existing: IdempotencyRecord, rowKeyHash: string): Promise<PlaceOrderResult> {
  const { repo, key, fingerprint, options } = context;
  if (fingerprint === undefined || existing.fingerprint !== fingerprint) return { kind: 'keyReused' };

  if (existing.state === 'complete') {
    const stored = existing.responseSealed ? openResponse(key, existing.responseSealed) : undefined;
    // The key hash matched, so the key opens the seal; failing here means a corrupted row.
    if (!stored) throw new Error('stored response cannot be opened');
    return { kind: 'replayed', id: existing.id, response: stored };
  }

  const age = options.now().getTime() - Date.parse(existing.claimedAt);
  if (age < options.pendingTimeoutMs) return { kind: 'inFlight' };

  // The first attempt died before answering (nobody saw its token): take the row over.
  const freshToken = randomToken();
  const freshTokenHash = sha256Hex(freshToken);
  const reclaimedAt = options.now();
  const reclaimed = await repo.reclaimStalePending(rowKeyHash, existing.claimedAt, freshTokenHash, reclaimedAt);
  return reclaimed ? complete(context, existing.id, freshToken, freshTokenHash, reclaimedAt) : { kind: 'inFlight' };
}

/** The row of a key stored before the HMAC (only looked for while such rows exist), with its lookup value. */
async function findLegacyRecord(repo: OrdersRepo, key: string, options: PlaceOrderOptions): Promise<{ record: IdempotencyRecord; keyHash: string } | undefined> {
  if (!options.legacyKeyLookup) return undefined;
  const keyHash = legacyIdempotencyKeyHash(key);
  const record = await repo.findIdempotencyRecord(keyHash);
  return record ? { record, keyHash } : undefined;
}

export async function placeOrder(repo: OrdersRepo, key: string, request: OrderRequest, options: PlaceOrderOptions): Promise<PlaceOrderResult> {
  const keyHash = hashIdempotencyKey(key, options.serverSecret);
  const fingerprint = requestFingerprint(request);
  const context: KeyContext = { repo, key, fingerprint, options };

  const legacy = await findLegacyRecord(repo, key, options);
  if (legacy) return answerExisting(context, legacy.record, legacy.keyHash);

  const id = randomToken();
  const token = randomToken();
  const tokenHash = sha256Hex(token);
  const createdAt = options.now();
  const response = createdResponse(id, token, createdAt, options.price);
  // One commit, answered only once it is durable: a 201 means the order is stored.
  const order = { id, keyHash, fingerprint, tokenHash, request, ...(options.price ? { price: options.price } : {}) };
  const insert = await repo.insertOrder(order, { status: response.status, sealed: sealResponse(key, response) }, createdAt);
  if (insert.inserted) return { kind: 'created', id, response };
  return answerExisting(context, insert.existing, keyHash);
}

/**
 * The answer for a request the route is about to refuse (its body does not validate under today's
 * rules, is not readable, or names a generation that takes no code), when its key already has an
 * order: that order exists, so the refusal would be wrong. A first send may have been stored and its
 * response lost, and the retry refused by a rule tightened since (or by an older instance during a
 * rolling deploy). Then the stored answer stands: the replay when the request is the stored one,
 * keyReused (422) when it is not, in-flight while the first attempt is still running.
 * Undefined when the key has no order, and the refusal stands.
 *
 * `fingerprint` is what identifies the request: the normalised order's when it still validates (as
 * for every valid retry), else that of the raw JSON body, which equals the stored fingerprint only
 * when the device sends the very order that was stored in its normalised form (what the app sends).
 * A body written differently that no longer validates cannot be normalised, so it is not taken for
 * a replay: it gets keyReused, which says truthfully that an order exists under this key.
 *
 * Only refusals look the key up: a valid request finds its row through the insert's conflict, as
 * before, so the order hot path does no extra read.
 */
export async function answerStoredKey(repo: OrdersRepo, key: string, fingerprint: string | undefined, options: PlaceOrderOptions): Promise<PlaceOrderResult | undefined> {
  const context: KeyContext = { repo, key, fingerprint, options };
  const legacy = await findLegacyRecord(repo, key, options);
  if (legacy) return answerExisting(context, legacy.record, legacy.keyHash);
  const keyHash = hashIdempotencyKey(key, options.serverSecret);
  const record = await repo.findIdempotencyRecord(keyHash);
  return record ? answerExisting(context, record, keyHash) : undefined;
}

/**
 * The fingerprint of a body that did not validate, for answerStoredKey: only a flat object of
 * strings can be an order as stored (anything else matches none, and is not walked: a deeply
 * nested body must not cost a deep recursion).
 */
export function rawBodyFingerprint(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  if (!Object.values(body).every((value) => typeof value === 'string')) return undefined;
  return requestFingerprint(body);
}
