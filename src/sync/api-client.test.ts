import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { getOrderStatus, postOrder, type ApiOptions, type FetchLike } from './api-client';

const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
const NOW = Date.UTC(2025, 0, 1);
const KEY = '5f0c4b9e-2a61-4d7b-9f4e-1c2d3e4f5a6b';

function answering(status: number, body: unknown, headers: Record<string, string> = {}): { options: ApiOptions; calls: Request[] } {
  const calls: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    calls.push(new Request(new URL(String(input), 'http://app.test'), init));
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers });
  };
  return { options: { fetch, now: () => NOW }, calls };
}

function failing(error: unknown): ApiOptions {
  return { fetch: () => Promise.reject(error), now: () => NOW };
}

const hanging: FetchLike = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

const receipt = { id: 'o_abc', token: 't_def', status: 'received', createdAt: '2025-01-01T00:00:00.000Z' };

describe('postOrder', () => {
  it('sends the body with the Idempotency-Key and reads the receipt', async () => {
    const { options, calls } = answering(201, receipt);
    expect(await postOrder(options, request, KEY)).toEqual({ kind: 'ok', status: 201, value: receipt });
    const sent = calls[0]!;
    expect(sent.method).toBe('POST');
    expect(new URL(sent.url).pathname).toBe('/api/orders');
    expect(sent.headers.get('Idempotency-Key')).toBe(KEY);
    expect(await sent.json()).toEqual(request);
  });

  it.each([
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [409, 'conflict'],
    [429, 'rateLimited'],
    [401, 'unexpected'],
  ] as const)('classifies %i as retry (%s)', async (status, reason) => {
    const { options } = answering(status, { title: 'x', status });
    expect(await postOrder(options, request, KEY)).toMatchObject({ kind: 'retry', reason, status });
  });

  it('passes Retry-After on (seconds and date)', async () => {
    expect(await postOrder(answering(429, {}, { 'Retry-After': '30' }).options, request, KEY)).toMatchObject({ kind: 'retry', retryAfterMs: 30_000 });
    const date = new Date(NOW + 120_000).toUTCString();
    expect(await postOrder(answering(503, {}, { 'Retry-After': date }).options, request, KEY)).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });
  });

  it.each([400, 413, 422])('classifies %i as needsAttention with the problem body', async (status) => {
    const body = { type: '/problems/validation', title: 'Invalid request', status, detail: 'd', errors: [{ field: 'email', code: 'email.invalid', detail: 'x' }] };
    expect(await postOrder(answering(status, body, { 'Content-Type': 'application/problem+json' }).options, request, KEY)).toEqual({
      kind: 'needsAttention',
      problem: { status, type: '/problems/validation', title: 'Invalid request', detail: 'd', problems: [{ field: 'email', code: 'email.invalid' }] },
    });
  });

  it('treats a 2xx without a receipt (captive portal, proxy) as retry, never as sent', async () => {
    expect(await postOrder(answering(200, '<html>Welcome to Car Park Wi-Fi</html>').options, request, KEY)).toMatchObject({ kind: 'retry', reason: 'badResponse' });
    expect(await postOrder(answering(201, { id: 'x' }).options, request, KEY)).toMatchObject({ kind: 'retry', reason: 'badResponse' });
  });

  it('classifies network errors and timeouts as retry', async () => {
    expect(await postOrder(failing(new TypeError('Failed to fetch')), request, KEY)).toMatchObject({ kind: 'retry', reason: 'network' });
    expect(await postOrder(failing(new DOMException('timed out', 'TimeoutError')), request, KEY)).toMatchObject({ kind: 'retry', reason: 'timeout' });
  });

  it('gives up waiting after timeoutMs', async () => {
    expect(await postOrder({ fetch: hanging, timeoutMs: 5 }, request, KEY)).toMatchObject({ kind: 'retry', reason: 'timeout' });
  });
});

describe('getOrderStatus', () => {
  it('sends the bearer token and reads the report', async () => {
    const report = { id: 'o_abc', status: 'fulfilled', code: '1234', updatedAt: '2025-01-02T00:00:00.000Z' };
    const { options, calls } = answering(200, report);
    expect(await getOrderStatus(options, 'o_abc', 't_def')).toEqual({ kind: 'ok', status: 200, value: report });
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer t_def');
    expect(new URL(calls[0]!.url).pathname).toBe('/api/orders/o_abc');
  });

  it('classifies 404 as gone and 5xx as retry', async () => {
    expect(await getOrderStatus(answering(404, {}).options, 'o', 't')).toEqual({ kind: 'gone', status: 404 });
    expect(await getOrderStatus(answering(503, {}).options, 'o', 't')).toMatchObject({ kind: 'retry', reason: 'server' });
    expect(await getOrderStatus(answering(200, { id: 'o', status: 'lost', updatedAt: 'x' }).options, 'o', 't')).toMatchObject({ kind: 'retry', reason: 'badResponse' });
  });
});
