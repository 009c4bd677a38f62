import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderReceipt, OrderStatusReport, ProblemDetails } from '../domain/order';
import { createTestApp, postOrder, postgresSuitePlan, validOrderBody, fromAddress, type TestApp, type TestEngine } from './testing';
import { validateOrderRequest, type OrderRequest } from '../domain/order';
import { placeOrder } from './place-order';
import type { OrdersRepo } from './orders-repo';
import { createApp } from './app';
import { hashIdempotencyKey, requestFingerprint, sealResponse } from './idempotency';
import { randomToken, sha256Hex } from './secrets';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function problemOf(response: Response): Promise<ProblemDetails> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as ProblemDetails;
  expect(body.status).toBe(response.status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.type).toBe('string');
  return body;
}

function getOrder(id: string, token?: string, app = t.app): Promise<Response> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  return Promise.resolve(app.request(`/api/orders/${id}`, { headers }));
}

async function fulfil(id: string, code: string): Promise<Response> {
  return t.app.request(`/api/admin/orders/${id}/fulfil`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
}

describe('POST /api/orders', () => {
  it('creates an order: 201, receipt with 128-bit id and token, Location, no-store', async () => {
    const response = await postOrder(t.app);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const receipt = (await response.json()) as OrderReceipt;
    expect(receipt.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(receipt.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(receipt.id).not.toBe(receipt.token);
    expect(receipt.status).toBe('received');
    expect(Date.parse(receipt.createdAt)).not.toBeNaN();
    expect(response.headers.get('location')).toBe(`/api/orders/${receipt.id}`);
  });

  it('stores the normalised request, and only a hash of the token', async () => {
    const response = await postOrder(t.app, { body: validOrderBody({ serial: ' bp12-3456 7890 12 ', email: ' owner@example.com ', caseLabel: '  Blue R56 ' }) });
    const receipt = (await response.json()) as OrderReceipt;
    const order = await t.repo.findOrder(receipt.id);
    expect(order).toMatchObject({ serial: 'BP123456789012', email: 'owner@example.com', caseLabel: 'Blue R56', status: 'received' });
    const rows = await t.db.selectFrom('orders').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(receipt.token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('400 without Idempotency-Key, and with a too short one', async () => {
    const missing = await postOrder(t.app, { key: null });
    expect(missing.status).toBe(400);
    expect((await problemOf(missing)).code).toBe('idempotency.keyMissing');
    const short = await postOrder(t.app, { key: 'abc' });
    expect(short.status).toBe(400);
    expect((await problemOf(short)).code).toBe('idempotency.keyInvalid');
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(0);
  });

  it('400 problem+json with a per-field list for bad fields', async () => {
    const response = await postOrder(t.app, { body: { serial: 'ab', email: 'not-an-address', generation: 'r99', locale: 'xx', extra: 1 } });
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body.type).toBe('/problems/validation');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'serial', code: 'serial.tooShort', detail: expect.any(String) },
        { field: 'email', code: 'email.invalid', detail: expect.any(String) },
        { field: 'generation', code: 'generation.invalid', detail: expect.any(String) },
        { field: 'locale', code: 'locale.invalid', detail: expect.any(String) },
        { field: 'extra', code: 'body.unknownField', detail: expect.any(String) },
      ]),
    );
    expect(body.errors).toHaveLength(5);
  });

  it('400 for missing fields, names each', async () => {
    const response = await postOrder(t.app, { body: { email: 'owner@example.com' } });
    const body = await problemOf(response);
    expect(body.errors?.map((e) => `${e.field}:${e.code}`).sort()).toEqual(['generation:generation.required', 'locale:locale.required', 'serial:serial.required']);
  });

  it('400 for a body that is not JSON, or not an object', async () => {
    const broken = await postOrder(t.app, { body: '{"serial":' });
    expect(broken.status).toBe(400);
    expect((await problemOf(broken)).errors).toEqual([{ field: 'body', code: 'body.json', detail: expect.any(String) }]);
    const scalar = await postOrder(t.app, { body: '"just a string"' });
    expect(scalar.status).toBe(400);
    expect((await problemOf(scalar)).errors?.[0]).toMatchObject({ field: 'body', code: 'body.type' });
  });

  it('415 for a body that is not declared as JSON', async () => {
    const response = await postOrder(t.app, { headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(415);
    await problemOf(response);
  });

  it('413 for a body over 16 KiB, declared or streamed without a length', async () => {
    const big = JSON.stringify(validOrderBody({ caseLabel: 'x'.repeat(16 * 1024) }));
    const declared = await postOrder(t.app, { body: big });
    expect(declared.status).toBe(413);
    await problemOf(declared);

    // A chunked body (no Content-Length) is cut off while it streams in.
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i += 1) controller.enqueue(encoder.encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const chunked = await t.app.request('/api/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    await problemOf(chunked);

    // Exactly at the limit is still read (and then judged on its content).
    const atLimit = JSON.stringify({ pad: 'y'.repeat(16 * 1024 - 10) });
    expect(new TextEncoder().encode(atLimit).length).toBe(16 * 1024);
    expect((await postOrder(t.app, { body: atLimit })).status).toBe(400);
  });

  it('422 with a clear reason for a VIN-bound head unit, and stores nothing', async () => {
    const response = await postOrder(t.app, { body: validOrderBody({ generation: 'f60-nbt-evo' }) });
    expect(response.status).toBe(422);
    const body = await problemOf(response);
    expect(body.code).toBe('generation.vinBound');
    expect(body.detail).toMatch(/VIN/);
    expect(body.errors).toEqual([{ field: 'generation', code: 'generation.vinBound', detail: expect.stringMatching(/dealer/) }]);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(0);
  });

  it('405 with Allow for other methods', async () => {
    const response = await t.app.request('/api/orders', { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    await problemOf(response);
  });
});

describe('idempotency', () => {
  it('same key + same body: the stored first response, byte for byte (same id and token)', async () => {
    const key = crypto.randomUUID();
    const first = await postOrder(t.app, { key });
    const firstBody = await first.text();
    const again = await postOrder(t.app, { key });
    expect(again.status).toBe(201);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
  });

  it('same key + the same order written differently (normalisation, key order) is a replay', async () => {
    const key = crypto.randomUUID();
    const first = (await (await postOrder(t.app, { key, body: validOrderBody({ serial: 'BP123456789012' }) })).json()) as OrderReceipt;
    const body = JSON.stringify({ locale: 'en', generation: 'r55-r59', email: 'owner@example.com ', serial: 'bp12 3456 7890 12' });
    const again = await postOrder(t.app, { key, body });
    expect(again.status).toBe(201);
    expect(((await again.json()) as OrderReceipt).token).toBe(first.token);
  });

  it('same key + different body: 422, and the first order is untouched', async () => {
    const key = crypto.randomUUID();
    const first = (await (await postOrder(t.app, { key })).json()) as OrderReceipt;
    const other = await postOrder(t.app, { key, body: validOrderBody({ serial: 'ZZ9999999999' }) });
    expect(other.status).toBe(422);
    expect((await problemOf(other)).code).toBe('idempotency.keyReused');
    const order = await t.repo.findOrder(first.id);
    expect(order?.serial).toBe('BP123456789012');
  });

  it('a new order is one commit: the row is complete (never pending) and the 201 replays from it', async () => {
    const key = crypto.randomUUID();
    const first = await postOrder(t.app, { key });
    expect(first.status).toBe(201);
    const rows = await t.db.selectFrom('orders').select(['state', 'response_status']).execute();
    expect(rows).toEqual([{ state: 'complete', response_status: 201 }]);
    const retry = await postOrder(t.app, { key });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(await first.text());
  });

  it('a key still in flight (a pending row of the earlier two-commit write): 409 with Retry-After; once completed, retries replay it', async () => {
    const key = crypto.randomUUID();
    const request = validateOrderRequest(validOrderBody());
    if (!request.ok) throw new Error('the valid body is not valid');
    const id = randomToken();
    await t.repo.insertPending({ id, keyHash: hashIdempotencyKey(key, t.serverSecret), fingerprint: requestFingerprint(request.value), tokenHash: sha256Hex('token'), request: request.value }, new Date());

    const concurrent = await postOrder(t.app, { key });
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe('1');
    expect((await problemOf(concurrent)).code).toBe('idempotency.inFlight');
    // Not visible to anyone while pending.
    expect(await t.repo.findOrder(id)).toBeUndefined();

    // The first request finishes: its stored response is what every retry gets.
    const firstResponse = { status: 201, location: `/api/orders/${id}`, body: JSON.stringify({ id, token: 'token', status: 'received', createdAt: new Date().toISOString() }) };
    await t.repo.completePending(id, sha256Hex('token'), { status: 201, sealed: sealResponse(key, firstResponse) }, new Date());
    const retry = await postOrder(t.app, { key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('location')).toBe(firstResponse.location);
    expect(await retry.text()).toBe(firstResponse.body);
  });

  it('truly concurrent requests with one key make one order; each answer is that order or 409', async () => {
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 8 }, () => postOrder(t.app, { key })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const ids = new Set<string>();
    for (const response of responses) if (response.status === 201) ids.add(((await response.json()) as OrderReceipt).id);
    expect(ids.size).toBe(1);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
    // Once settled, every retry gets the 201.
    expect((await postOrder(t.app, { key })).status).toBe(201);
  });

  it('a pending row abandoned by a crashed process is taken over after the timeout', async () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const key = crypto.randomUUID();
    const request = validateOrderRequest(validOrderBody());
    if (!request.ok) throw new Error('the valid body is not valid');
    // What a process of the earlier two-commit write left when it died between its commits.
    await t.repo.insertPending(
      { id: randomToken(), keyHash: hashIdempotencyKey(key, t.serverSecret), fingerprint: requestFingerprint(request.value), tokenHash: sha256Hex('never seen'), request: request.value },
      new Date(now),
    );

    const app = createApp({ repo: t.repo, serverSecret: t.serverSecret, clock: () => now, config: { pendingTimeoutMs: 60_000 }, log: () => undefined });
    expect((await postOrder(app, { key })).status).toBe(409);
    now += 61_000;
    const recovered = await postOrder(app, { key });
    expect(recovered.status).toBe(201);
    const receipt = (await recovered.json()) as OrderReceipt;
    const report = await getOrder(receipt.id, receipt.token, app);
    expect(report.status).toBe(200);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
  });
});

// Both engines: the refusal path reads the key's row outside the insert (on SQLite beside the group-commit writer).
const engines: TestEngine[] = postgresSuitePlan().run ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('a retry of a stored order that the current rules would refuse, on %s', (engine) => {
  let e: TestApp;
  beforeEach(async () => {
    e = await createTestApp({ engine });
  });
  afterEach(async () => {
    await e.close();
  });

  /**
   * What an earlier deploy (or an older instance in a rolling deploy) stored under `key` before the
   * rules were tightened: placeOrder stores what it is given, so the order need not pass today's rules.
   */
  async function storedEarlier(key: string, request: Record<string, unknown>): Promise<OrderReceipt> {
    const result = await placeOrder(e.repo, key, request as unknown as OrderRequest, { now: () => new Date(), pendingTimeoutMs: 30_000, serverSecret: e.serverSecret });
    if (result.kind !== 'created') throw new Error(`expected a new order, got ${result.kind}`);
    return JSON.parse(result.response.body) as OrderReceipt;
  }

  it('the same body, refused by a tightened field rule: the stored 201 (same id and token), not a 400', async () => {
    const key = crypto.randomUUID();
    const stored = validOrderBody({ serial: 'BP12' }); // too short under today's rules
    const first = await storedEarlier(key, stored);
    const retry = await postOrder(e.app, { key, body: stored });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('location')).toBe(`/api/orders/${first.id}`);
    expect(((await retry.json()) as OrderReceipt).token).toBe(first.token);
    expect(await e.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
  });

  it('the same body, refused by the VIN-bound rule: the stored 201, also when written differently', async () => {
    const key = crypto.randomUUID();
    const first = await storedEarlier(key, validOrderBody({ generation: 'f60-nbt-evo' }));
    const retry = await postOrder(e.app, { key, body: validOrderBody({ generation: 'f60-nbt-evo' }) });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as OrderReceipt).token).toBe(first.token);
    // It still validates, so it is compared in its normalised form, as every valid retry is.
    const respelled = await postOrder(e.app, { key, body: validOrderBody({ generation: 'f60-nbt-evo', serial: 'bp12 3456 7890 12' }) });
    expect(respelled.status).toBe(201);
    expect(((await respelled.json()) as OrderReceipt).id).toBe(first.id);
  });

  it('a different body that does not validate, or cannot be read: 422 keyReused (the order exists), not 400/413', async () => {
    const key = crypto.randomUUID();
    await storedEarlier(key, validOrderBody());
    const invalid = await postOrder(e.app, { key, body: validOrderBody({ serial: 'ab' }) });
    expect(invalid.status).toBe(422);
    expect((await problemOf(invalid)).code).toBe('idempotency.keyReused');
    const vinBound = await postOrder(e.app, { key, body: validOrderBody({ generation: 'f60-nbt-evo' }) });
    expect((await problemOf(vinBound)).code).toBe('idempotency.keyReused');
    const broken = await postOrder(e.app, { key, body: '{"serial":' });
    expect((await problemOf(broken)).code).toBe('idempotency.keyReused');
    const tooLarge = await postOrder(e.app, { key, body: JSON.stringify(validOrderBody({ caseLabel: 'x'.repeat(16 * 1024) })) });
    expect(tooLarge.status).toBe(422);
    expect((await problemOf(tooLarge)).code).toBe('idempotency.keyReused');
    expect(await e.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
  });

  it('a key with no order keeps the refusal of its body (400, 413, VIN-bound 422)', async () => {
    expect((await postOrder(e.app, { body: validOrderBody({ serial: 'ab' }) })).status).toBe(400);
    expect((await problemOf(await postOrder(e.app, { body: validOrderBody({ generation: 'f60-nbt-evo' }) }))).code).toBe('generation.vinBound');
    expect((await postOrder(e.app, { body: JSON.stringify(validOrderBody({ caseLabel: 'x'.repeat(16 * 1024) })) })).status).toBe(413);
  });

  it('a valid new order costs no extra lookup: the key is looked up only on the way to a refusal', async () => {
    const lookups: string[] = [];
    const repo: OrdersRepo = { ...e.repo, findIdempotencyRecord: (keyHash) => (lookups.push(keyHash), e.repo.findIdempotencyRecord(keyHash)) };
    const app = createApp({ repo, serverSecret: e.serverSecret, log: () => undefined });
    const key = crypto.randomUUID();
    expect((await postOrder(app, { key })).status).toBe(201);
    expect((await postOrder(app, { key })).status).toBe(201);
    expect(lookups).toHaveLength(0);
    expect((await postOrder(app, { key, body: validOrderBody({ serial: 'ab' }) })).status).toBe(422);
    expect(lookups).toHaveLength(1);
  });
});

describe('rate limit', () => {
  it('429 with Retry-After per client address; other addresses unaffected; refills with time', async () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const app = createApp({
      repo: t.repo,
      clock: () => now,
      config: { rateLimits: { orders: { capacity: 2, refillPerMinute: 1 } } },
      log: () => undefined,
    });
    expect((await postOrder(app, { address: '203.0.113.5' })).status).toBe(201);
    expect((await postOrder(app, { address: '203.0.113.5' })).status).toBe(201);
    const limited = await postOrder(app, { address: '203.0.113.5' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await problemOf(limited)).type).toBe('/problems/rate-limited');

    expect((await postOrder(app, { address: '203.0.113.6' })).status).toBe(201);
    now += 60_000;
    expect((await postOrder(app, { address: '203.0.113.5' })).status).toBe(201);
  });

  it('X-Forwarded-For is ignored unless TRUST_PROXY, then the entry of the trusted hop is the client', async () => {
    const limits = { orders: { capacity: 1, refillPerMinute: 1 } };
    const direct = createApp({ repo: t.repo, config: { rateLimits: limits }, log: () => undefined });
    const viaProxy = createApp({ repo: t.repo, config: { rateLimits: limits, trustProxyHops: 1 }, log: () => undefined });
    const spoof = (app: typeof direct, xff: string) => postOrder(app, { address: '10.0.0.1', headers: { 'X-Forwarded-For': xff } });

    expect((await spoof(direct, '198.51.100.1')).status).toBe(201);
    // Untrusted: a new header value is still the same socket address.
    expect((await spoof(direct, '198.51.100.2')).status).toBe(429);

    expect((await spoof(viaProxy, 'evil, 198.51.100.1')).status).toBe(201);
    expect((await spoof(viaProxy, 'evil, 198.51.100.2')).status).toBe(201);
    expect((await spoof(viaProxy, 'other, 198.51.100.2')).status).toBe(429);
  });

  it('limits status reads too', async () => {
    const app = createApp({ repo: t.repo, config: { rateLimits: { reads: { capacity: 1, refillPerMinute: 1 } } }, log: () => undefined });
    expect((await app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', {}, fromAddress('10.1.1.1'))).status).toBe(404);
    const limited = await app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', {}, fromAddress('10.1.1.1'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('GET /api/orders/:id', () => {
  it('reports received, then fulfilled with the code (code only when fulfilled)', async () => {
    const receipt = (await (await postOrder(t.app)).json()) as OrderReceipt;
    const received = await getOrder(receipt.id, receipt.token);
    expect(received.status).toBe(200);
    expect(received.headers.get('cache-control')).toBe('no-store');
    const report = (await received.json()) as OrderStatusReport;
    expect(report).toEqual({ id: receipt.id, status: 'received', updatedAt: expect.any(String) });
    expect('code' in report).toBe(false);

    expect((await fulfil(receipt.id, '01234')).status).toBe(200);
    const fulfilled = (await (await getOrder(receipt.id, receipt.token)).json()) as OrderStatusReport;
    expect(fulfilled).toMatchObject({ id: receipt.id, status: 'fulfilled', code: '01234' });
  });

  it('reports a cancellation with its reason', async () => {
    const receipt = (await (await postOrder(t.app)).json()) as OrderReceipt;
    await t.app.request(`/api/admin/orders/${receipt.id}/cancel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Serial belongs to a VIN-bound unit' }),
    });
    const report = (await (await getOrder(receipt.id, receipt.token)).json()) as OrderStatusReport;
    expect(report).toMatchObject({ status: 'cancelled', reason: 'Serial belongs to a VIN-bound unit' });
    expect(report.code).toBeUndefined();
  });

  it('404 identical for unknown id, wrong token, missing token, malformed id and another order\'s token', async () => {
    const a = (await (await postOrder(t.app)).json()) as OrderReceipt;
    const b = (await (await postOrder(t.app)).json()) as OrderReceipt;
    const answers = await Promise.all([
      getOrder('AAAAAAAAAAAAAAAAAAAAAA', a.token),
      getOrder(a.id, 'AAAAAAAAAAAAAAAAAAAAAA'),
      getOrder(a.id),
      getOrder('x', a.token),
      getOrder(a.id, b.token),
      getOrder(a.id, `${a.token}x`),
      getOrder(a.id, a.token.toLowerCase() === a.token ? a.token.toUpperCase() : a.token.toLowerCase()),
    ]);
    const shapes = await Promise.all(
      answers.map(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.text() })),
    );
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(shapes[0]?.status).toBe(404);
    expect((await getOrder(a.id, a.token)).status).toBe(200);
  });
});
