import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProblemDetails } from '../domain/order';
import { createApp } from './app';
import type { OrdersRepo } from './orders-repo';
import { expectSecurityHeaders as expectHeaderValues } from './expected-security-headers';
import { createStaticFiles } from './static-files';
import { createTestApp, postOrder, validOrderBody, type TestApp } from './testing';

const staticFiles = createStaticFiles(
  new Map([
    ['/index.html', Buffer.from('<!doctype html><title>app</title>')],
    ['/assets/app-1a2b3c.js', Buffer.from('export const answer = 42;\n'.repeat(50))],
    ['/sw.js', Buffer.from('self.addEventListener("fetch", () => {});')],
  ]),
);

let t: TestApp;
let logged: string[];
beforeEach(async () => {
  logged = [];
  t = await createTestApp({ staticFiles, log: (line) => logged.push(line) });
});
afterEach(async () => {
  await t.close();
});

function expectSecurityHeaders(response: Response): void {
  expectHeaderValues(response, 'response');
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
}

describe('security headers', () => {
  it('are on every response: API success and errors, admin, static, 304, SPA fallback, 404, 500', async () => {
    const failing: OrdersRepo = { ...t.repo, findOrder: () => Promise.reject(new Error('disk on fire')) };
    const broken = createApp({ repo: failing, log: () => undefined });
    const responses: Response[] = [
      await t.app.request('/api/health'),
      await postOrder(t.app),
      await postOrder(t.app, { key: null }),
      await postOrder(t.app, { body: validOrderBody({ serial: '' }) }),
      await t.app.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA'),
      await t.app.request('/api/admin/orders'),
      await t.app.request('/api/unknown'),
      await t.app.request('/'),
      await t.app.request('/case/abc'),
      await t.app.request('/assets/app-1a2b3c.js'),
      await t.app.request('/assets/missing.js'),
      await t.app.request('/sw.js', { method: 'HEAD' }),
      await broken.request('/api/orders/AAAAAAAAAAAAAAAAAAAAAA', { headers: { Authorization: 'Bearer x' } }),
    ];
    const etag = responses[9]?.headers.get('etag') ?? '';
    responses.push(await t.app.request('/assets/app-1a2b3c.js', { headers: { 'If-None-Match': etag } }));
    expect(responses.map((r) => r.status)).toEqual([200, 201, 400, 400, 404, 401, 404, 200, 200, 200, 404, 200, 500, 304]);
    for (const response of responses) expectSecurityHeaders(response);
  });

  it('API answers are never cached; static ones follow their own rules', async () => {
    for (const path of ['/api/health', '/api/unknown', '/api/orders/AAAAAAAAAAAAAAAAAAAAAA']) {
      expect((await t.app.request(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await t.app.request('/assets/app-1a2b3c.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await t.app.request('/')).headers.get('cache-control')).toBe('no-cache');
  });
});

describe('problem+json', () => {
  it('unknown API paths (any method) answer 404 problem+json, not the app shell', async () => {
    for (const [path, method] of [
      ['/api/unknown', 'GET'],
      ['/api', 'GET'],
      ['/api/orders/x/y', 'GET'],
      ['/api/health/x', 'POST'],
    ] as const) {
      const response = await t.app.request(path, { method });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const body = (await response.json()) as ProblemDetails;
      expect(body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: expect.any(String) });
    }
  });

  it('an unexpected error is a 500 problem without internals, logged without request data', async () => {
    const failing: OrdersRepo = { ...t.repo, insertOrder: () => Promise.reject(new Error('SQLITE_FULL: database or disk is full')) };
    const lines: string[] = [];
    const app = createApp({ repo: failing, log: (line) => lines.push(line) });
    const response = await postOrder(app, { body: validOrderBody({ email: 'private.person@example.com', serial: 'SECRET12345' }) });
    expect(response.status).toBe(500);
    const body = (await response.json()) as ProblemDetails;
    expect(body).toMatchObject({ type: 'about:blank', status: 500, title: 'Internal Server Error' });
    expect(JSON.stringify(body)).not.toMatch(/SQLITE/);
    expect(lines).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/private\.person|SECRET12345/);
  });
});

describe('GET /api/health', () => {
  it('reports the database engine', async () => {
    const response = await t.app.request('/api/health');
    expect(await response.json()).toEqual({ ok: true, db: t.dialect });
  });

  it('503 problem when the database does not answer', async () => {
    const app = createApp({ repo: { ...t.repo, ping: () => Promise.reject(new Error('gone')) }, log: () => undefined });
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('GET /api/ready', () => {
  it('200 while serving; 503 as soon as a drain begins, and every answer then closes its connection', async () => {
    const lifecycle = { draining: false };
    const app = createApp({ repo: t.repo, lifecycle, log: () => undefined });
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect(ready.headers.get('connection')).toBeNull();
    lifecycle.draining = true;
    const draining = await app.request('/api/ready');
    expect(draining.status).toBe(503);
    expect(draining.headers.get('content-type')).toBe('application/problem+json');
    expect(draining.headers.get('connection')).toBe('close');
    // Health (liveness) still answers: the process is fine, it is only leaving.
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('connection')).toBe('close');
  });

  it('503 when the database does not answer', async () => {
    const app = createApp({ repo: { ...t.repo, ping: () => Promise.reject(new Error('gone')) }, log: () => undefined });
    expect((await app.request('/api/ready')).status).toBe(503);
  });
});

describe('logs', () => {
  it('a whole order life cycle logs no personal data', async () => {
    const response = await postOrder(t.app, { body: validOrderBody({ email: 'private.person@example.com' }) });
    const { id, token } = (await response.json()) as { id: string; token: string };
    await t.app.request(`/api/admin/orders/${id}/fulfil`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: '5678' }),
    });
    await t.app.request(`/api/orders/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(logged.join('\n')).not.toMatch(/private\.person|BP1234567890|5678|Bearer/);
  });
});

describe('static files through the app', () => {
  it('serves the shell for navigations and 404 for missing assets', async () => {
    expect(await (await t.app.request('/admin')).text()).toContain('<title>app</title>');
    expect((await t.app.request('/assets/missing.js')).status).toBe(404);
    expect((await t.app.request('/', { method: 'POST' })).status).toBe(404);
  });

  it('without dist, only the API answers', async () => {
    const app = createApp({ repo: t.repo, log: () => undefined });
    expect((await app.request('/')).status).toBe(404);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
