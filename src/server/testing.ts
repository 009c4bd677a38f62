// Test harness: the real app on a fresh database (temporary SQLite, or a fresh PostgreSQL schema with TEST_DATABASE_URL).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Hono } from 'hono';
import { createApp, type CreateAppOptions } from './app';
import { openDatabase, type OpenedDatabase } from './database';
import { migrateToLatest } from './migrations/migrations';
import { createOrdersRepo, type OrdersRepo } from './orders-repo';
import { createCodeTableRepo, type CodeTableRepo } from './code-table-repo';
import { createPaymentRepo } from './payments/payment-repo';
import type { PaymentGateway } from './payments/stripe-gateway';
import type { Price } from '../domain/price';
import type { DatabaseDialect } from './schema';
import { randomToken } from './secrets';
import { createSqliteOrderWriter } from './sqlite-order-writer';
import { loadServerSecret } from './server-secret';

export type TestEngine = DatabaseDialect;

/** The PostgreSQL URL tests may use, from TEST_DATABASE_URL. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? url : undefined;
}

/**
 * Whether the PostgreSQL suite runs. In CI a missing TEST_DATABASE_URL is an error, never a
 * silent skip; locally the suite is skipped with the reason (and how to get a database).
 */
export function postgresSuitePlan(): { run: true; url: string } | { run: false; mustFail: boolean; reason: string } {
  const url = testDatabaseUrl();
  if (url) return { run: true, url };
  const reason = 'TEST_DATABASE_URL is not set; start one with: export $(scripts/start-test-postgres.sh)';
  return { run: false, mustFail: Boolean(process.env.CI), reason };
}

/** A migrated, empty database of its own, removed again by close(). */
export async function openTestDatabase(engine: TestEngine = testDatabaseUrl() ? 'postgres' : 'sqlite'): Promise<OpenedDatabase> {
  if (engine === 'sqlite') {
    // A real file (not :memory:) so WAL and synchronous=FULL are exercised as in production;
    // on tmpfs when there is one, because each commit's fsync would otherwise dominate the suite.
    const dataDir = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'orders-test-'));
    const opened = openDatabase({ dataDir });
    await migrateToLatest(opened.db, opened.dialect);
    return {
      ...opened,
      async close() {
        await opened.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }

  const url = testDatabaseUrl();
  if (!url) throw new Error('openTestDatabase("postgres") needs TEST_DATABASE_URL');
  const schema = `test_${randomToken().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const opened = openDatabase({ dataDir: '', databaseUrl: url, pgSchema: schema });
  await migrateToLatest(opened.db, opened.dialect);
  return {
    ...opened,
    async close() {
      await opened.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface TestAppOverrides extends Partial<Omit<CreateAppOptions, 'repo' | 'payments'>> {
  /** Defaults to postgres when TEST_DATABASE_URL is set, else sqlite. */
  engine?: TestEngine;
  /** Payment on, through this gateway (the real Stripe SDK against the stand-in, usually) at this price. */
  payment?: { gateway: PaymentGateway; price: Price };
}

export interface TestApp {
  app: Hono;
  repo: OrdersRepo;
  db: OpenedDatabase['db'];
  dialect: DatabaseDialect;
  /** The admin token the app was made with (random unless overridden), for fulfilling orders in tests. */
  adminToken: string | undefined;
  /** The server secret kept in this database (as main.ts loads it): a second app on the same repo needs it. */
  serverSecret: Buffer;
  codeTable: CodeTableRepo;
  close(): Promise<void>;
}

/**
 * The real order service in-process: call app.request(path, init) or app.fetch(request).
 * Rate limits are the production ones unless overridden (config.rateLimits); in-process
 * requests have no socket, so they all count as one client address ('unknown').
 */
export async function createTestApp(overrides: TestAppOverrides = {}): Promise<TestApp> {
  const { engine, config, payment, ...rest } = overrides;
  const database = await openTestDatabase(engine);
  const orderWriter = database.sqlite && createSqliteOrderWriter(database.sqlite.name);
  const repo = createOrdersRepo(database.db, database.dialect, orderWriter);
  const adminToken = config && 'adminToken' in config ? config.adminToken : randomToken();
  const serverSecret = await loadServerSecret(database.db, undefined, new Date());
  const codeTable = createCodeTableRepo(database.db);
  const payments = payment ? { ...payment, repo: createPaymentRepo(database.db) } : undefined;
  const app = createApp({ log: () => undefined, serverSecret, codeTable, ...rest, ...(payments ? { payments } : {}), repo, config: { ...config, adminToken } });
  const close = async (): Promise<void> => {
    await orderWriter?.close();
    await database.close();
  };
  return { app, repo, db: database.db, dialect: database.dialect, adminToken, serverSecret, codeTable, close };
}

/** A valid order body; fields may be replaced (or removed with undefined). */
export function validOrderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en', ...overrides };
}

/** Fake socket bindings for app.request(), so a request comes "from" a given address. */
export function fromAddress(remoteAddress: string): { incoming: { socket: { remoteAddress: string } } } {
  return { incoming: { socket: { remoteAddress } } };
}

export interface PostOrderOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  address?: string;
}

/** POST /api/orders the way the client does (JSON, Idempotency-Key); key: null sends none. */
export async function postOrder(app: Hono, options: PostOrderOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  const key = options.key === undefined ? crypto.randomUUID() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? validOrderBody());
  return app.request('/api/orders', { method: 'POST', headers, body }, options.address ? fromAddress(options.address) : undefined);
}

/** Polls until `condition` returns a truthy value (returned), failing after `timeoutMs`: no fixed sleeps in tests. */
export async function waitFor<T>(condition: () => T | Promise<T>, { timeoutMs = 5_000, intervalMs = 10, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
