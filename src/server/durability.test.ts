// Crash safety of the real process: every order answered 201 survives a SIGKILL mid-stream and a restart (SQLite always, PostgreSQL with TEST_DATABASE_URL).
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminOrderList, OrderReceipt } from '../domain/order';
import { postgresSuitePlan, validOrderBody, waitFor } from './testing';
import { spawnServer, type ServerProcess } from './testing-server-process';

const ADMIN_TOKEN = 'durability-admin-token-0123456789';
/** Concurrent clients; each sends one order after another with a fresh Idempotency-Key. */
const WORKERS = 12;
/** The kill comes once this many orders were answered 201, while the others are still in flight. */
const KILL_AFTER_CREATED = 40;
/** Bounds on the stream (count and time), far above what is reached before the kill. The admin list answers up to 500. */
const MAX_ATTEMPTS = 450;
const STREAM_TIMEOUT_MS = 8_000;
const REQUEST_TIMEOUT_MS = 5_000;

async function startServer(env: Record<string, string>): Promise<Omit<ServerProcess, 'url'> & { url: string }> {
  const server = spawnServer({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_TOKEN,
    DIST_DIR: path.join(tmpdir(), 'no-dist-for-the-durability-test'),
    // One client address sends everything: lift the per-address limits (see config.ts).
    RATE_LIMIT_ORDERS_BURST: '100000',
    RATE_LIMIT_ORDERS_PER_MINUTE: '1000000',
    RATE_LIMIT_READS_BURST: '100000',
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
    ...env,
  });
  running.add(server.child);
  return { ...server, url: await server.url() };
}

const running = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
  while (cleanups.length) await cleanups.pop()!();
});

interface Attempt {
  key: string;
  body: Record<string, unknown>;
  /** 'created' with the receipt; 'failed' when no answer came (connection cut by the kill). */
  outcome: { kind: 'created'; receipt: OrderReceipt } | { kind: 'status'; status: number } | { kind: 'failed' } | { kind: 'inFlight' };
}

function postOrder(url: string, key: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

/** WORKERS clients send orders back to back until the server dies, MAX_ATTEMPTS is reached or time runs out. */
function streamOrders(url: string, isStopped: () => boolean): { attempts: Attempt[]; done: Promise<void> } {
  const attempts: Attempt[] = [];
  const deadline = Date.now() + STREAM_TIMEOUT_MS;
  const worker = async (): Promise<void> => {
    while (!isStopped() && attempts.length < MAX_ATTEMPTS && Date.now() < deadline) {
      const n = attempts.length;
      // The label names the attempt, so a stored row can be traced back to the request that made it.
      const attempt: Attempt = { key: crypto.randomUUID(), body: validOrderBody({ caseLabel: `durability ${n} ${crypto.randomUUID()}` }), outcome: { kind: 'inFlight' } };
      attempts.push(attempt);
      try {
        const response = await postOrder(url, attempt.key, attempt.body);
        attempt.outcome =
          response.status === 201 ? { kind: 'created', receipt: (await response.json()) as OrderReceipt } : { kind: 'status', status: response.status };
      } catch {
        attempt.outcome = { kind: 'failed' };
      }
    }
  };
  return { attempts, done: Promise.all(Array.from({ length: WORKERS }, worker)).then(() => undefined) };
}

async function listAll(url: string): Promise<AdminOrderList['orders']> {
  const response = await fetch(`${url}/api/admin/orders?limit=500`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  expect(response.status).toBe(200);
  return ((await response.json()) as AdminOrderList).orders;
}

/** Runs `check` over the items, a few at a time (bounded concurrency, like a handful of retrying devices). */
async function inBatches<T>(items: readonly T[], check: (item: T) => Promise<void>, size = 8): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(check));
}

/** The whole scenario on one database: stream, SIGKILL, restart, check. */
async function killMidStreamAndRestart(env: Record<string, string>): Promise<void> {
  const first = await startServer(env);
  let killed = false;
  const stream = streamOrders(first.url, () => killed);
  const created = () => stream.attempts.filter((a) => a.outcome.kind === 'created').length;
  const inFlight = () => stream.attempts.filter((a) => a.outcome.kind === 'inFlight').length;

  await waitFor(() => created() >= KILL_AFTER_CREATED && inFlight() > 0, { timeoutMs: STREAM_TIMEOUT_MS, intervalMs: 1, what: `${KILL_AFTER_CREATED} orders answered 201` });
  const inFlightAtKill = inFlight();
  first.child.kill('SIGKILL');
  killed = true;
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  await stream.done;

  const attempts = stream.attempts;
  const answered = attempts.flatMap((a) => (a.outcome.kind === 'created' ? [{ ...a, receipt: a.outcome.receipt }] : []));
  const unanswered = attempts.filter((a) => a.outcome.kind === 'failed');
  // The kill really was mid-stream, and nothing but 201s came back before it.
  expect(inFlightAtKill).toBeGreaterThan(0);
  expect(unanswered.length).toBeGreaterThan(0);
  expect(attempts.filter((a) => a.outcome.kind === 'status')).toEqual([]);
  expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER_CREATED);

  const second = await startServer(env);

  // 1. Every 201 is in the database, exactly once, with what was sent.
  const stored = await listAll(second.url);
  const byId = new Map(stored.map((order) => [order.id, order]));
  for (const a of answered) {
    const order = byId.get(a.receipt.id);
    expect(order, `order ${a.receipt.id} answered 201 before the kill`).toBeDefined();
    expect(order).toMatchObject({ status: 'received', caseLabel: a.body.caseLabel, createdAt: a.receipt.createdAt });
  }
  // Nothing made twice or out of nowhere: every stored row is one attempt's, and no attempt has two rows.
  const labels = stored.map((order) => order.caseLabel);
  expect(new Set(labels).size).toBe(labels.length);
  const sentLabels = new Set(attempts.map((a) => a.body.caseLabel));
  expect(labels.filter((label) => !sentLabels.has(label))).toEqual([]);
  // Only requests that were cut off can have rows beyond the 201s (committed, answer lost with the process).
  expect(stored.length - answered.length).toBeLessThanOrEqual(unanswered.length);

  // 2. A retry with the same key gets the same answer: same id and token, which still open the order.
  await inBatches(answered, async (a) => {
    const replay = await postOrder(second.url, a.key, a.body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(a.receipt);
    const status = await fetch(`${second.url}/api/orders/${a.receipt.id}`, { headers: { Authorization: `Bearer ${a.receipt.token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    expect(status.status).toBe(200);
  });

  // 3. A request cut off by the kill is safe to retry: its stored order comes back, or 409 while its
  //    half-written row waits out the pending timeout (then a retry completes it). Never a second order.
  await inBatches(unanswered, async (a) => {
    const retry = await postOrder(second.url, a.key, a.body);
    expect([201, 409], `retry of an unanswered key answered ${retry.status}`).toContain(retry.status);
    if (retry.status === 201) {
      const receipt = (await retry.json()) as OrderReceipt;
      const before = byId.get(receipt.id);
      if (before) expect(before.caseLabel).toBe(a.body.caseLabel);
    }
  });
  const after = await listAll(second.url);
  expect(new Set(after.map((o) => o.caseLabel)).size).toBe(after.length);

  second.child.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
}

describe('durability: SIGKILL mid-stream, then restart', () => {
  it('SQLite: every order answered 201 is stored, and every retry gets the same id and token', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'orders-durability-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    await killMidStreamAndRestart({ DATA_DIR: dataDir });
  });

  const plan = postgresSuitePlan();
  if (plan.run) {
    it('PostgreSQL: every order answered 201 is stored, and every retry gets the same id and token', async () => {
      // A schema of its own, named in the connection (search_path), dropped afterwards.
      const schema = `durability_${crypto.randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: plan.url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      cleanups.push(async () => {
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      });
      const url = new URL(plan.url);
      url.searchParams.set('options', `-c search_path=${schema}`);
      await killMidStreamAndRestart({ DATABASE_URL: url.toString(), DATA_DIR: path.join(tmpdir(), 'unused-with-postgres') });
    });
  } else if (plan.mustFail) {
    it('PostgreSQL: needs TEST_DATABASE_URL in CI', () => {
      throw new Error(`the PostgreSQL durability test cannot run in CI: ${plan.reason}`);
    });
  } else {
    console.warn(`durability: skipping the PostgreSQL run: ${plan.reason}`);
  }
});
