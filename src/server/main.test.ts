import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validOrderBody, waitFor } from './testing';
import { spawnServer } from './testing-server-process';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('main', () => {
  it('starts with one log line naming the URL, serves API and dist, and stops cleanly on SIGTERM', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'orders-main-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dist = path.join(root, 'dist');
    await import('node:fs/promises').then((fs) => fs.mkdir(dist));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>shell</title>');

    const server = spawnServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(root, 'data'), DIST_DIR: dist, ADMIN_TOKEN: 'main-test-admin-token' });
    cleanups.push(async () => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    const url = await server.url();

    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, db: 'sqlite' });
    const created = await fetch(`${url}/api/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(validOrderBody()),
    });
    expect(created.status).toBe(201);
    const page = await fetch(`${url}/case/abc`);
    expect(await page.text()).toContain('<title>shell</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.output().split('\n').filter((line) => line.startsWith('order service on'))).toHaveLength(1);
    expect(server.output()).not.toContain('owner@example.com');
  });

  it('SIGTERM drains: /api/ready turns 503 first, a request under way still gets its 201, then the process exits 0', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'orders-drain-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const server = spawnServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(root, 'data'), DIST_DIR: path.join(root, 'none'), SHUTDOWN_DELAY_SECONDS: '1' });
    cleanups.push(async () => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    const url = await server.url();
    expect(await (await fetch(`${url}/api/ready`)).json()).toEqual({ ready: true });

    // An order whose body is still arriving when the signal comes.
    const body = Buffer.from(JSON.stringify(validOrderBody()));
    const { port } = new URL(url);
    const inFlight = http.request({
      host: '127.0.0.1',
      port: Number(port),
      path: '/api/orders',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'Idempotency-Key': crypto.randomUUID() },
    });
    const answered = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      inFlight.on('response', (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
      });
      inFlight.on('error', reject);
    });
    inFlight.write(body.subarray(0, 10));
    await waitFor(() => inFlight.socket?.readyState === 'open', { what: 'the request connection' });

    server.child.kill('SIGTERM');
    const ready = await waitFor(async () => {
      const response = await fetch(`${url}/api/ready`);
      return response.status === 503 ? response : undefined;
    }, { what: '/api/ready to turn 503' });
    expect(ready.headers.get('connection')).toBe('close');

    inFlight.end(body.subarray(10));
    expect(await answered).toEqual({ status: 201, connection: 'close' });
    expect((await server.exited).code).toBe(0);
    expect(server.output()).toContain('SIGTERM: draining');
  });

  it('refuses a bad configuration with a clear message and exit code 1', async () => {
    const server = spawnServer({ PORT: 'eighty' });
    expect((await server.exited).code).toBe(1);
    expect(server.output()).toContain('configuration error: PORT must be a whole number');
  });

  it('refuses to start with only one of the two Stripe variables', async () => {
    const server = spawnServer({ STRIPE_SECRET_KEY: 'sk_test_onlythekey' });
    expect((await server.exited).code).toBe(1);
    expect(server.output()).toContain('configuration error: STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not');
    expect(server.output()).not.toContain('sk_test_onlythekey');
  });
});
