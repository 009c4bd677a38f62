import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminOrder, AdminOrderList, OrderReceipt, ProblemDetails } from '../domain/order';
import { createApp } from './app';
import { createTestApp, fromAddress, postOrder, validOrderBody, type TestApp } from './testing';

// Wrap (not replace) the comparison, to see that admin authentication goes through it.
const timingSafeEqual = vi.hoisted(() => ({ calls: [] as Array<[number, number]> }));
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return {
    ...original,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      timingSafeEqual.calls.push([a.byteLength, b.byteLength]);
      return original.timingSafeEqual(a, b);
    },
  };
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  timingSafeEqual.calls.length = 0;
});
afterEach(async () => {
  await t.close();
});

function admin(path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}, app = t.app, address?: string): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? t.adminToken : init.token;
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return Promise.resolve(app.request(`/api/admin${path}`, { ...init, headers, body }, address ? fromAddress(address) : undefined));
}

async function newOrder(overrides: Record<string, unknown> = {}): Promise<OrderReceipt> {
  const response = await postOrder(t.app, { body: validOrderBody(overrides) });
  expect(response.status).toBe(201);
  return (await response.json()) as OrderReceipt;
}

describe('admin routes without ADMIN_TOKEN', () => {
  it('answer 404, identical to any unknown API path, even with a token', async () => {
    const off = await createTestApp({ config: { adminToken: undefined } });
    try {
      const unknown = await off.app.request('/api/nothing-here');
      const expected = { status: unknown.status, body: await unknown.text() };
      expect(expected.status).toBe(404);
      for (const [path, method] of [
        ['/api/admin/orders?status=received', 'GET'],
        ['/api/admin/orders/AAAAAAAAAAAAAAAAAAAAAA/fulfil', 'POST'],
        ['/api/admin/orders/AAAAAAAAAAAAAAAAAAAAAA/cancel', 'POST'],
        ['/api/admin', 'GET'],
      ] as const) {
        const response = await off.app.request(path, { method, headers: { Authorization: 'Bearer anything-at-all-here' } });
        expect({ status: response.status, body: await response.text() }).toEqual(expected);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    } finally {
      await off.close();
    }
  });
});

describe('admin authentication', () => {
  it('401 problem+json without or with a wrong token, compared in constant time', async () => {
    const missing = await admin('/orders', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');

    timingSafeEqual.calls.length = 0;
    const wrong = await admin('/orders', { token: 'x'.repeat(40) });
    expect(wrong.status).toBe(401);
    // One comparison of two sha256 digests: equal lengths whatever was presented.
    expect(timingSafeEqual.calls).toEqual([[32, 32]]);

    timingSafeEqual.calls.length = 0;
    expect((await admin('/orders')).status).toBe(200);
    expect(timingSafeEqual.calls).toEqual([[32, 32]]);
  });

  it('the order token check also compares in constant time', async () => {
    const receipt = await newOrder();
    timingSafeEqual.calls.length = 0;
    await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: 'Bearer short' } });
    await t.app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', { headers: { Authorization: `Bearer ${receipt.token}` } });
    expect(timingSafeEqual.calls).toEqual([
      [32, 32],
      [32, 32],
    ]);
  });

  it('the right token always gets through; failed attempts are limited per address with 429 and Retry-After', async () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const app = createApp({
      repo: t.repo,
      clock: () => now,
      config: { adminToken: t.adminToken, rateLimits: { adminFailures: { capacity: 3, refillPerMinute: 1 } } },
      log: () => undefined,
    });
    for (let i = 0; i < 3; i += 1) expect((await admin('/orders', { token: `wrong-token-${i}` }, app, '192.0.2.7')).status).toBe(401);
    const blocked = await admin('/orders', { token: 'wrong-token-3' }, app, '192.0.2.7');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    // Staff behind the same address (one proxy, one workshop NAT) are not locked out by someone else's guesses.
    expect((await admin('/orders', {}, app, '192.0.2.7')).status).toBe(200);
    // Other addresses' failures are counted on their own.
    expect((await admin('/orders', { token: 'wrong-token-x' }, app, '192.0.2.8')).status).toBe(401);
    now += 60_000;
    expect((await admin('/orders', { token: 'wrong-token-4' }, app, '192.0.2.7')).status).toBe(401);
  });

  it('failed attempts from many addresses together hit a global limit; the right token still gets through', async () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    const app = createApp({
      repo: t.repo,
      clock: () => now,
      config: {
        adminToken: t.adminToken,
        rateLimits: { adminFailures: { capacity: 5, refillPerMinute: 1 }, adminFailuresGlobal: { capacity: 4, refillPerMinute: 1 } },
      },
      log: () => undefined,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await admin('/orders', { token: `wrong-token-${i}` }, app, `198.51.100.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await admin('/orders', {}, app, '198.51.100.99')).status).toBe(200);
  });
});

describe('GET /api/admin/orders', () => {
  it('lists orders by status, oldest first, with personal data and without token hashes', async () => {
    const a = await newOrder({ caseLabel: 'Workshop bay 2' });
    const b = await newOrder({ serial: 'CQ0000011111', locale: 'de' });
    const c = await newOrder();
    await admin(`/orders/${c.id}/fulfil`, { method: 'POST', json: { code: '1234' } });

    const received = await admin('/orders?status=received');
    expect(received.status).toBe(200);
    expect(received.headers.get('cache-control')).toBe('no-store');
    const list = (await received.json()) as AdminOrderList;
    expect(list.orders.map((o) => o.id)).toEqual([a.id, b.id]);
    expect(list.orders[0]).toEqual({
      id: a.id,
      status: 'received',
      serial: 'BP123456789012',
      email: 'owner@example.com',
      generation: 'r55-r59',
      locale: 'en',
      caseLabel: 'Workshop bay 2',
      createdAt: a.createdAt,
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(list)).not.toMatch(/token/i);

    const all = (await (await admin('/orders')).json()) as AdminOrderList;
    expect(all.orders).toHaveLength(3);
    const fulfilled = (await (await admin('/orders?status=fulfilled')).json()) as AdminOrderList;
    expect(fulfilled.orders.map((o) => [o.id, o.code])).toEqual([[c.id, '1234']]);
    const limited = (await (await admin('/orders?limit=1')).json()) as AdminOrderList;
    expect(limited.orders).toHaveLength(1);
  });

  it('400 for an unknown status or a bad limit', async () => {
    const response = await admin('/orders?status=lost&limit=0');
    expect(response.status).toBe(400);
    const body = (await response.json()) as ProblemDetails;
    expect(body.errors?.map((e) => e.code)).toEqual(['status.invalid', 'limit.invalid']);
  });
});

describe('POST /api/admin/orders/:id/fulfil', () => {
  it('fulfils with a validated code (trimmed), idempotent for the same code, 409 for another', async () => {
    const receipt = await newOrder();
    const done = await admin(`/orders/${receipt.id}/fulfil`, { method: 'POST', json: { code: ' 04321 ' } });
    expect(done.status).toBe(200);
    expect((await done.json()) as AdminOrder).toMatchObject({ id: receipt.id, status: 'fulfilled', code: '04321' });

    expect((await admin(`/orders/${receipt.id}/fulfil`, { method: 'POST', json: { code: '04321' } })).status).toBe(200);
    const other = await admin(`/orders/${receipt.id}/fulfil`, { method: 'POST', json: { code: '9999' } });
    expect(other.status).toBe(409);
    expect(((await other.json()) as ProblemDetails).code).toBe('order.state');
    expect((await t.repo.findOrder(receipt.id))?.code).toBe('04321');
  });

  it('400 for a code that is not 4 or 5 digits, or a missing one', async () => {
    const receipt = await newOrder();
    for (const [json, code] of [
      [{ code: '123' }, 'code.format'],
      [{ code: '123456' }, 'code.format'],
      [{ code: '12a4' }, 'code.format'],
      [{ code: 1234 }, 'code.type'],
      [{}, 'code.required'],
      [{ code: '1234', extra: true }, 'body.unknownField'],
    ] as const) {
      const response = await admin(`/orders/${receipt.id}/fulfil`, { method: 'POST', json });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ProblemDetails;
      expect(body.errors?.[0]?.code).toBe(code);
    }
    expect((await t.repo.findOrder(receipt.id))?.status).toBe('received');
  });

  it('404 for an unknown order, 409 for a cancelled one, 413 for a huge body', async () => {
    expect((await admin('/orders/AAAAAAAAAAAAAAAAAAAAAA/fulfil', { method: 'POST', json: { code: '1234' } })).status).toBe(404);
    const receipt = await newOrder();
    await admin(`/orders/${receipt.id}/cancel`, { method: 'POST', json: { reason: 'duplicate' } });
    expect((await admin(`/orders/${receipt.id}/fulfil`, { method: 'POST', json: { code: '1234' } })).status).toBe(409);
    expect((await admin(`/orders/${receipt.id}/fulfil`, { method: 'POST', json: { code: '1'.repeat(20_000) } })).status).toBe(413);
  });
});

describe('POST /api/admin/orders/:id/cancel', () => {
  it('cancels with a reason; repeating is harmless; a fulfilled order cannot be cancelled', async () => {
    const receipt = await newOrder();
    const cancelled = await admin(`/orders/${receipt.id}/cancel`, { method: 'POST', json: { reason: '  Not a MINI serial ' } });
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()) as AdminOrder).toMatchObject({ status: 'cancelled', reason: 'Not a MINI serial' });
    expect((await admin(`/orders/${receipt.id}/cancel`, { method: 'POST', json: { reason: 'again' } })).status).toBe(200);
    expect((await t.repo.findOrder(receipt.id))?.cancelReason).toBe('Not a MINI serial');

    const other = await newOrder();
    await admin(`/orders/${other.id}/fulfil`, { method: 'POST', json: { code: '1234' } });
    expect((await admin(`/orders/${other.id}/cancel`, { method: 'POST', json: { reason: 'x' } })).status).toBe(409);
  });

  it('400 without a reason', async () => {
    const receipt = await newOrder();
    const response = await admin(`/orders/${receipt.id}/cancel`, { method: 'POST', json: { reason: '   ' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemDetails).errors?.[0]).toMatchObject({ field: 'reason', code: 'reason.required' });
  });
});
