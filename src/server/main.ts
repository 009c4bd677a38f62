// Process entry: reads the config, opens and migrates the database, serves API and dist/, shuts down cleanly.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { createMailOutboxRepo } from './mail-outbox-repo';
import { createMailer, createSmtpTransport, type Mailer } from './mailer';
import { migrateToLatest } from './migrations/migrations';
import { createOrdersRepo } from './orders-repo';
import { createSqliteOrderWriter } from './sqlite-order-writer';
import { postgresRateLimiters } from './rate-limit';
import { loadServerSecret } from './server-secret';
import { createCodeTableRepo } from './code-table-repo';
import { createPaymentRepo } from './payments/payment-repo';
import type { Payments } from './payments/payment-routes';
import { startRetentionJob } from './retention';
import { loadStaticFiles, type StaticFiles } from './static-files';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  await migrateToLatest(database.db, database.dialect);
  // On SQLite, new orders are group-committed by a worker thread (sqlite-order-writer.ts).
  const orderWriter = database.sqlite && createSqliteOrderWriter(database.sqlite.name);
  const repo = createOrdersRepo(database.db, database.dialect, orderWriter);
  const serverSecret = await loadServerSecret(database.db, config.serverSecret, new Date());
  // Orders placed before keys were HMACed: their retries must still find them (one extra lookup per order until none is left).
  const legacyKeyLookup = await repo.hasLegacyKeyHashes();
  // On PostgreSQL the limits live in the database, shared by every instance; on SQLite (one process) in memory.
  const rateLimiters = database.pool ? postgresRateLimiters(database.pool) : undefined;
  const lifecycle: { draining: boolean } = { draining: false };

  let mailer: Mailer | undefined;
  if (config.smtpUrl && config.mailFrom) {
    mailer = createMailer({
      outbox: createMailOutboxRepo(database.db),
      transport: createSmtpTransport(config.smtpUrl),
      from: config.mailFrom,
      leaseMs: config.mailLeaseMs,
    });
  }

  let staticFiles: StaticFiles | undefined;
  if (existsSync(config.distDir)) {
    staticFiles = await loadStaticFiles(config.distDir);
  } else {
    console.warn(`warning: ${config.distDir} not found (run "npm run build"); serving the API only`);
  }

  let payments: Payments | undefined;
  if (config.payment) {
    // Loaded only with payment on: the SDK is large, and a payment-off start should not pay for it.
    const { createStripeGateway } = await import('./payments/stripe-gateway');
    payments = {
      gateway: createStripeGateway(config.payment),
      repo: createPaymentRepo(database.db),
      price: config.payment.price,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    };
  }
  const retention = startRetentionJob({ db: database.db, days: config.retentionDays });

  const app = createApp({
    repo,
    config,
    serverSecret,
    legacyKeyLookup,
    lifecycle,
    ...(rateLimiters ? { rateLimiters } : {}),
    codeTable: createCodeTableRepo(database.db),
    retentionDays: config.retentionDays,
    ...(payments ? { payments } : {}),
    ...(mailer ? { mailer } : {}),
    ...(staticFiles ? { staticFiles } : {}),
  });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.info(
      `order service on http://${host}:${info.port} (db: ${database.dialect}, static files: ${staticFiles?.count ?? 0}, admin: ${config.adminToken ? 'on' : 'off'}, mail: ${mailer ? 'on' : 'off'}, payment: ${payments ? 'on' : 'off'})`,
    );
  });

  // Drain: /api/ready turns 503 at once (the load balancer stops sending new requests), then after
  // SHUTDOWN_DELAY_SECONDS the listener closes; requests under way finish (a 201 is never cut off
  // after its commit), keep-alive connections are told to close, and the process exits.
  const shutdown = (signal: string): void => {
    if (lifecycle.draining) return;
    lifecycle.draining = true;
    console.info(`${signal}: draining${config.shutdownDelayMs > 0 ? ` (listener closes in ${config.shutdownDelayMs / 1000} s)` : ''}`);
    setTimeout(() => closeServer(), config.shutdownDelayMs);
  };
  const closeServer = (): void => {
    const force = setTimeout(() => {
      console.error('shutdown: requests still open after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      try {
        retention.stop();
        await mailer?.stop();
        await orderWriter?.close();
        await database.close();
        process.exit(0);
      } catch (error) {
        console.error(`shutdown: ${error instanceof Error ? error.message : 'error'}`);
        process.exit(1);
      }
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
  } else {
    console.error(`start-up failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  process.exit(1);
});
