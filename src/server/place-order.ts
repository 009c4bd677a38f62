// Placing an order exactly once per Idempotency-Key: pending row, then the stored first response; replay, conflict, in-flight.
import type { OrderReceipt, OrderRequest } from '../domain/order';
import type { Price } from '../domain/price';
import { hashIdempotencyKey, openResponse, requestFingerprint, sealResponse, type StoredResponse } from './idempotency';
import type { OrdersRepo } from './orders-repo';
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
  /** Payment on: the order waits for payment at this price. */
  price?: Price;
}

export function orderLocation(id: string): string {
  return `/api/orders/${id}`;
}

export async function placeOrder(repo: OrdersRepo, key: string, request: OrderRequest, options: PlaceOrderOptions): Promise<PlaceOrderResult> {
  const keyHash = hashIdempotencyKey(key);
  const fingerprint = requestFingerprint(request);

  // Answers only once the second commit is done: a 201 means the order is durably stored.
  async function complete(id: string, token: string, createdAt: Date): Promise<PlaceOrderResult> {
    const receipt: OrderReceipt = { id, token, status: options.price ? 'awaiting_payment' : 'received', createdAt: createdAt.toISOString() };
    const response: StoredResponse = { status: 201, location: orderLocation(id), body: JSON.stringify(receipt) };
    await repo.completePending(id, { status: response.status, sealed: sealResponse(key, response) }, options.now());
    return { kind: 'created', id, response };
  }

  const id = randomToken();
  const token = randomToken();
  const createdAt = options.now();
  const insert = await repo.insertPending({ id, keyHash, fingerprint, tokenHash: sha256Hex(token), request, ...(options.price ? { price: options.price } : {}) }, createdAt);
  if (insert.inserted) return complete(id, token, createdAt);

  const existing = insert.existing;
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
  const reclaimedAt = options.now();
  const reclaimed = await repo.reclaimStalePending(keyHash, existing.claimedAt, sha256Hex(freshToken), reclaimedAt);
  return reclaimed ? complete(existing.id, freshToken, reclaimedAt) : { kind: 'inFlight' };
}
