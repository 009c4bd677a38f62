// Security headers on the error answers app.test.ts does not reach: 413 (declared and streamed), 415, 405, 409, 422, 429 and admin 401/429.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateOrderRequest } from '../domain/order';
import { createApp } from './app';
import { hashIdempotencyKey, requestFingerprint } from './idempotency';
import { expectSecurityHeaders, parseCsp } from './expected-security-headers';
import { securityHeaders } from './security-headers';
import { Hono } from 'hono';
import { createTestApp, fromAddress, postOrder, validOrderBody, type TestApp } from './testing';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function expectHeaders(response: Response, what: string): void {
  expectSecurityHeaders(response, what);
  expect(response.headers.get('cache-control'), what).toBe('no-store');
  expect(response.headers.get('content-type'), what).toBe('application/problem+json');
}

function streamOf(kib: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(1024));
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < kib; i += 1) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('security headers on error answers', () => {
  it('413 declared or streamed, 415, 405, 409, 422 (key reused and VIN-bound)', async () => {
    const key = crypto.randomUUID();
    expect((await postOrder(t.app, { key })).status).toBe(201);
    const answers: Array<[string, number, Response]> = [
      ['413 declared', 413, await postOrder(t.app, { body: validOrderBody({ caseLabel: 'x'.repeat(17_000) }) })],
      [
        '413 streamed',
        413,
        await t.app.request('/api/orders', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
          body: streamOf(40),
          duplex: 'half',
        } as RequestInit),
      ],
      ['415', 415, await postOrder(t.app, { headers: { 'Content-Type': 'text/plain' } })],
      ['405', 405, await t.app.request('/api/orders', { method: 'DELETE' })],
      ['422 reused key', 422, await postOrder(t.app, { key, body: validOrderBody({ email: 'other@example.com' }) })],
      ['422 VIN-bound', 422, await postOrder(t.app, { body: validOrderBody({ generation: 'f60-nbt-evo' }) })],
      ['413 admin', 413, await t.app.request('/api/admin/orders/AAAAAAAAAAAAAAAAAAAAAA/cancel', {
        method: 'POST',
        headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'r'.repeat(20_000) }),
      })],
    ];
    for (const [what, status, response] of answers) {
      expect(response.status, what).toBe(status);
      expectHeaders(response, what);
    }
  });

  it('409 while a key is in flight, and 429 for orders, status reads and admin failures', async () => {
    const app = createApp({
      repo: t.repo,
      serverSecret: t.serverSecret,
      config: {
        adminToken: t.adminToken,
        rateLimits: { orders: { capacity: 1, refillPerMinute: 1 }, reads: { capacity: 1, refillPerMinute: 1 }, adminFailures: { capacity: 1, refillPerMinute: 1 } },
        // A pending row never times out here: the second request with its key meets it in flight.
        pendingTimeoutMs: 3_600_000,
      },
      log: () => undefined,
    });
    // A pending row, as a request still being answered leaves it: the next one with that key is told to wait.
    const key = crypto.randomUUID();
    const valid = validateOrderRequest(validOrderBody());
    if (!valid.ok) throw new Error('the valid body is not valid');
    await t.repo.insertPending(
      { id: 'PPPPPPPPPPPPPPPPPPPPPP', keyHash: hashIdempotencyKey(key, t.serverSecret), fingerprint: requestFingerprint(valid.value), tokenHash: '00', request: valid.value },
      new Date(),
    );
    const inFlight = await postOrder(app, { key, address: '192.0.2.1' });
    expect(inFlight.status).toBe(409);
    expectHeaders(inFlight, '409');

    const limitedOrder = await postOrder(app, { address: '192.0.2.1' });
    expect(limitedOrder.status).toBe(429);
    expectHeaders(limitedOrder, '429 orders');

    await app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', undefined, fromAddress('192.0.2.2'));
    const limitedRead = await app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', undefined, fromAddress('192.0.2.2'));
    expect(limitedRead.status).toBe(429);
    expectHeaders(limitedRead, '429 reads');

    const wrong = await app.request('/api/admin/orders', { headers: { Authorization: 'Bearer wrong-token-wrong-token' } }, fromAddress('192.0.2.3'));
    expect(wrong.status).toBe(401);
    expectHeaders(wrong, '401 admin');
    const blocked = await app.request('/api/admin/orders', { headers: { Authorization: 'Bearer wrong-token-wrong-token' } }, fromAddress('192.0.2.3'));
    expect(blocked.status).toBe(429);
    expectHeaders(blocked, '429 admin');
  });
});

describe('the header check itself', () => {
  it('fails for a weakened header (the assertions are on values, not on the implementation\'s constants)', async () => {
    // Registered first, so it runs after securityHeaders() has set its values: a later change that loosens them.
    const weakened = new Hono();
    weakened.use('*', async (c, next) => {
      await next();
      c.res.headers.set('Content-Security-Policy', c.res.headers.get('Content-Security-Policy')!.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"));
    });
    weakened.use('*', securityHeaders());
    weakened.get('/', (c) => c.text('x'));
    expect(() => expectSecurityHeaders(new Response(null, { headers: { 'Content-Security-Policy': "default-src *" } }), 'bare')).toThrow();
    const response = await weakened.request('/');
    expect(() => expectSecurityHeaders(response, 'weakened')).toThrow(/Content-Security-Policy/);
    const fine = new Hono();
    fine.use('*', securityHeaders());
    fine.get('/', (c) => c.text('x'));
    expectSecurityHeaders(await fine.request('/'), 'as implemented');
    for (const [name, weak] of [
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['Strict-Transport-Security', 'max-age=60'],
      ['Referrer-Policy', 'unsafe-url'],
    ] as const) {
      const loosened = new Response(null, { headers: (await fine.request('/')).headers });
      loosened.headers.set(name, weak);
      expect(() => expectSecurityHeaders(loosened, name)).toThrow(new RegExp(name));
    }
    expect(parseCsp("default-src 'self'; img-src 'self' data:")).toEqual({ 'default-src': "'self'", 'img-src': "'self' data:" });
  });
});
