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

export async function placeOrder(repo: OrdersRepo, key: string, request: OrderRequest, options: PlaceOrderOptions): Promise<PlaceOrderResult> {
  const keyHash = hashIdempotencyKey(key, options.serverSecret);
  const fingerprint = requestFingerprint(request);

  // Completes a pending row (left by a version that wrote two commits, or taken over below); answers after
  // the commit. An attempt that stalled past the pending timeout may find its row taken over by a retry
  // (which wrote its own token hash): it then answers like an in-flight request, and the client's next
  // retry gets the winner's stored response, whose token matches the order.
  async function complete(id: string, token: string, tokenHash: string, createdAt: Date): Promise<PlaceOrderResult> {
    const response = createdResponse(id, token, createdAt, options.price);
    const completed = await repo.completePending(id, tokenHash, { status: response.status, sealed: sealResponse(key, response) }, options.now());
    return completed ? { kind: 'created', id, response } : { kind: 'inFlight' };
  }

  /** A request whose key already has a row (under `rowKeyHash`): replay, conflict, wait or take over. */
  async function answerExisting(existing: IdempotencyRecord, rowKeyHash: string): Promise<PlaceOrderResult> {
    if (existing.fingerprint !== fingerprint) return { kind: 'keyReused' };

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
    return reclaimed ? complete(existing.id, freshToken, freshTokenHash, reclaimedAt) : { kind: 'inFlight' };
  }

  if (options.legacyKeyLookup) {
    const legacyHash = legacyIdempotencyKeyHash(key);
    const legacy = await repo.findIdempotencyRecord(legacyHash);
    if (legacy) return answerExisting(legacy, legacyHash);
  }

  const id = randomToken();
  const token = randomToken();
  const tokenHash = sha256Hex(token);
  const createdAt = options.now();
  const response = createdResponse(id, token, createdAt, options.price);
  // One commit, answered only once it is durable: a 201 means the order is stored.
  const order = { id, keyHash, fingerprint, tokenHash, request, ...(options.price ? { price: options.price } : {}) };
  const insert = await repo.insertOrder(order, { status: response.status, sealed: sealResponse(key, response) }, createdAt);
  if (insert.inserted) return { kind: 'created', id, response };
  return answerExisting(insert.existing, keyHash);
}
