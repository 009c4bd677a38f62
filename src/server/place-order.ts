// Placing an order exactly once per Idempotency-Key: one commit of the order with its first response; replay, conflict, in-flight.
import type { OrderReceipt, OrderRequest } from '../domain/order';
import { hashIdempotencyKey, openResponse, requestFingerprint, sealResponse, type StoredResponse } from './idempotency';
import type { OrdersRepo } from './orders-repo';
import { randomToken, sha256Hex } from './secrets';

export type PlaceOrderResult =
  | { kind: 'created'; response: StoredResponse }
  | { kind: 'replayed'; response: StoredResponse }
  /** The key was used for a different order: 422. */
  | { kind: 'keyReused' }
  /** The first request with this key is still being answered: 409, retry later. */
  | { kind: 'inFlight' };

export interface PlaceOrderOptions {
  now: () => Date;
  pendingTimeoutMs: number;
}

export function orderLocation(id: string): string {
  return `/api/orders/${id}`;
}

/** The 201 of a new order; stored (sealed) with the row so that every retry with the key gets it back. */
function createdResponse(id: string, token: string, createdAt: Date): StoredResponse {
  const receipt: OrderReceipt = { id, token, status: 'received', createdAt: createdAt.toISOString() };
  return { status: 201, location: orderLocation(id), body: JSON.stringify(receipt) };
}

export async function placeOrder(repo: OrdersRepo, key: string, request: OrderRequest, options: PlaceOrderOptions): Promise<PlaceOrderResult> {
  const keyHash = hashIdempotencyKey(key);
  const fingerprint = requestFingerprint(request);

  // Completes a pending row (left by a version that wrote two commits); answers after the commit.
  async function complete(id: string, token: string, createdAt: Date): Promise<PlaceOrderResult> {
    const response = createdResponse(id, token, createdAt);
    await repo.completePending(id, { status: response.status, sealed: sealResponse(key, response) }, options.now());
    return { kind: 'created', response };
  }

  const id = randomToken();
  const token = randomToken();
  const createdAt = options.now();
  const response = createdResponse(id, token, createdAt);
  // One commit, answered only once it is durable: a 201 means the order is stored.
  const insert = await repo.insertOrder({ id, keyHash, fingerprint, tokenHash: sha256Hex(token), request }, { status: response.status, sealed: sealResponse(key, response) }, createdAt);
  if (insert.inserted) return { kind: 'created', response };

  const existing = insert.existing;
  if (existing.fingerprint !== fingerprint) return { kind: 'keyReused' };

  if (existing.state === 'complete') {
    const stored = existing.responseSealed ? openResponse(key, existing.responseSealed) : undefined;
    // The key hash matched, so the key opens the seal; failing here means a corrupted row.
    if (!stored) throw new Error('stored response cannot be opened');
    return { kind: 'replayed', response: stored };
  }

  const age = options.now().getTime() - Date.parse(existing.claimedAt);
  if (age < options.pendingTimeoutMs) return { kind: 'inFlight' };

  // The first attempt died before answering (nobody saw its token): take the row over.
  const freshToken = randomToken();
  const reclaimedAt = options.now();
  const reclaimed = await repo.reclaimStalePending(keyHash, existing.claimedAt, sha256Hex(freshToken), reclaimedAt);
  return reclaimed ? complete(existing.id, freshToken, reclaimedAt) : { kind: 'inFlight' };
}
