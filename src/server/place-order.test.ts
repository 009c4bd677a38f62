import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateOrderRequest, type OrderReceipt, type OrderRequest } from '../domain/order';
import type { OrdersRepo } from './orders-repo';
import { hashIdempotencyKey, legacyIdempotencyKeyHash, requestFingerprint, sealResponse } from './idempotency';
import { placeOrder, rawBodyFingerprint, type PlaceOrderResult } from './place-order';
import { matchesHash, sha256Hex } from './secrets';
import { createTestApp, validOrderBody, type TestApp } from './testing';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function validRequest(): OrderRequest {
  const result = validateOrderRequest(validOrderBody());
  if (!result.ok) throw new Error('the valid body is not valid');
  return result.value;
}

/** A repo whose completePending waits for `release()` the n-th time it is called (one gate per attempt). */
function gatedRepo(repo: OrdersRepo) {
  const gates: Array<{ reached: Promise<void>; release: () => void }> = [];
  const reachedSignals: Array<() => void> = [];
  const releases: Array<Promise<void>> = [];
  for (let i = 0; i < 2; i += 1) {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    releases.push(new Promise<void>((resolve) => (release = resolve)));
    reachedSignals.push(reached);
    gates.push({ reached: reachedPromise, release });
  }
  let calls = 0;
  const gated: OrdersRepo = {
    ...repo,
    async completePending(...args) {
      const attempt = calls;
      calls += 1;
      reachedSignals[attempt]?.();
      await releases[attempt];
      return repo.completePending(...args);
    },
  };
  return { repo: gated, gates };
}

async function tokenWorks(result: PlaceOrderResult): Promise<boolean> {
  if (result.kind !== 'created' && result.kind !== 'replayed') return false;
  const receipt = JSON.parse(result.response.body) as OrderReceipt;
  const order = await t.repo.findOrder(receipt.id);
  return order !== undefined && matchesHash(receipt.token, order.tokenHash);
}

describe('placeOrder: taking over a stale pending order', () => {
  it('a stalled first attempt that wakes after a retry took its row over does not hand out its (overwritten) token', async () => {
    const key = crypto.randomUUID();
    const request = validRequest();
    let now = Date.parse('2026-01-01T10:00:00Z');
    const options = { now: () => new Date(now), pendingTimeoutMs: 60_000, serverSecret: t.serverSecret };
    const { repo, gates } = gatedRepo(t.repo);
    // New orders are one commit; a pending row is what a process of the earlier two-commit write left when it died.
    await t.repo.insertPending(
      { id: 'PPPPPPPPPPPPPPPPPPPPPP', keyHash: hashIdempotencyKey(key, t.serverSecret), fingerprint: requestFingerprint(request), tokenHash: sha256Hex('never seen'), request },
      new Date(now),
    );

    // Past the timeout a retry takes the row over, then stalls (a GC pause, a slow disk) before completing it.
    now += 61_000;
    const first = placeOrder(repo, key, request, options);
    await gates[0]!.reached;
    // Past the timeout again, the client's next retry (perhaps on another instance) takes it over in turn.
    now += 61_000;
    const retry = placeOrder(repo, key, request, options);
    await gates[1]!.reached;
    // The stalled attempt completes first.
    gates[0]!.release();
    const firstResult = await first;
    gates[1]!.release();
    const retryResult = await retry;

    // Whatever each attempt answered, every token handed out opens the order.
    for (const result of [firstResult, retryResult]) {
      if (result.kind === 'created') expect(await tokenWorks(result)).toBe(true);
    }
    expect(retryResult.kind).toBe('created');
    expect(firstResult.kind).toBe('inFlight');
    // The client's next retry gets the stored response: the winner's token, which works.
    const again = await placeOrder(t.repo, key, request, options);
    expect(again.kind).toBe('replayed');
    expect(await tokenWorks(again)).toBe(true);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
  });
});

describe('placeOrder: orders placed before keys were HMACed', () => {
  it('a retry of an order stored under the old plain hash finds it (replay, or takeover) instead of making a second order', async () => {
    const request = validRequest();
    const now = Date.parse('2026-01-01T10:00:00Z');
    const options = { now: () => new Date(now), pendingTimeoutMs: 60_000, serverSecret: t.serverSecret };
    // As release 1 stored it: key hash = plain SHA-256, complete with its sealed first response.
    const key = crypto.randomUUID();
    const receipt: OrderReceipt = { id: 'LLLLLLLLLLLLLLLLLLLLLL', token: 'old-token-old-token-ol', status: 'received', createdAt: new Date(now).toISOString() };
    const tokenHash = sha256Hex(receipt.token);
    await t.repo.insertPending({ id: receipt.id, keyHash: legacyIdempotencyKeyHash(key), fingerprint: requestFingerprint(request), tokenHash, request }, new Date(now));
    const response = { status: 201, location: `/api/orders/${receipt.id}`, body: JSON.stringify(receipt) };
    await t.repo.completePending(receipt.id, tokenHash, { status: 201, sealed: sealResponse(key, response) }, new Date(now));

    expect(await t.repo.hasLegacyKeyHashes()).toBe(true);
    const retried = await placeOrder(t.repo, key, request, { ...options, legacyKeyLookup: true });
    expect(retried).toEqual({ kind: 'replayed', id: receipt.id, response });
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
    // Without the lookup the same retry would have made a second order: the lookup is what prevents it.
    const blind = await placeOrder(t.repo, key, request, options);
    expect(blind.kind).toBe('created');
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(2);
  });

  it('a database of HMAC keys only needs no legacy lookup', async () => {
    await placeOrder(t.repo, crypto.randomUUID(), validRequest(), { now: () => new Date(), pendingTimeoutMs: 60_000, serverSecret: t.serverSecret });
    expect(await t.repo.hasLegacyKeyHashes()).toBe(false);
  });
});

describe('rawBodyFingerprint (a refused body compared with a stored order)', () => {
  it('is the order fingerprint for a flat object of strings, in any key order', () => {
    const request = validRequest();
    expect(rawBodyFingerprint({ ...request })).toBe(requestFingerprint(request));
    expect(rawBodyFingerprint(Object.fromEntries(Object.entries(request).reverse()))).toBe(requestFingerprint(request));
  });

  it('is undefined for what no stored order can be, without walking it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(rawBodyFingerprint({ serial: deep })).toBeUndefined();
    expect(rawBodyFingerprint([validRequest()])).toBeUndefined();
    expect(rawBodyFingerprint('BP123456789012')).toBeUndefined();
    expect(rawBodyFingerprint(null)).toBeUndefined();
    expect(rawBodyFingerprint({ ...validRequest(), serial: 12 })).toBeUndefined();
  });
});
