// The HTTP application: wires the order, admin, health and static routes with headers, limits and error answers.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { DEFAULT_APP_CONFIG, DEFAULT_RATE_LIMITS, DEFAULT_RETENTION_DAYS, type AppConfig, type RateLimits } from './config';
import { adminRoutes } from './admin-routes';
import type { MailNotifier } from './mailer';
import type { OrdersRepo } from './orders-repo';
import type { CodeTableRepo } from './code-table-repo';
import { paymentRoutes, priceAnswer, type Payments } from './payments/payment-routes';
import { ordersRoutes } from './orders-routes';
import { notFound, problem } from './problem';
import { memoryRateLimiters, type Clock, type RateLimiterFactory } from './rate-limit';
import { noStore, securityHeaders } from './security-headers';
import type { StaticFiles } from './static-files';

export interface CreateAppOptions {
  repo: OrdersRepo;
  /** Missing members take their defaults (DEFAULT_APP_CONFIG); rate limits merge per bucket. */
  config?: Partial<Omit<AppConfig, 'rateLimits'>> & { rateLimits?: Partial<RateLimits> };
  /** Staff's code table: instant delivery, and its admin routes. */
  codeTable?: CodeTableRepo;
  /** Stripe Checkout; without it orders are free and go straight to fulfilment (as before payment existed). */
  payments?: Payments;
  /** Shown on /admin's privacy section: days after an order is finished before its e-mail and serial are blanked. */
  retentionDays?: number;
  /** When given, fulfilment queues the code e-mail and wakes the sender. */
  mailer?: MailNotifier;
  /** The built app (dist/); without it only /api/* answers. */
  staticFiles?: StaticFiles;
  /** Milliseconds since the epoch; tests inject one to step through rate-limit refills. */
  clock?: Clock;
  /** Where the limits are kept: this process's memory (default) or the shared PostgreSQL store. */
  rateLimiters?: RateLimiterFactory;
  /**
   * Keys the Idempotency-Key HMAC. main.ts passes the one kept in the database (server-secret.ts),
   * so every instance and every restart agrees; without it this app object makes its own.
   */
  serverSecret?: Buffer;
  /** The database holds orders keyed before the HMAC (repo.hasLegacyKeyHashes at start): retries also look there. */
  legacyKeyLookup?: boolean;
  /** While draining (SIGTERM), /api/ready answers 503 and every answer closes its connection. */
  lifecycle?: Lifecycle;
  /** Where error lines go; never given personal data. */
  log?: (line: string) => void;
}

export interface Lifecycle {
  readonly draining: boolean;
}

function methodNotAllowed(allow: string): Response {
  return problem({ status: 405, detail: `This resource answers ${allow} only.`, headers: { Allow: allow } });
}

export function createApp(options: CreateAppOptions): Hono {
  const config: AppConfig = {
    ...DEFAULT_APP_CONFIG,
    ...options.config,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.config?.rateLimits },
  };
  const clock = options.clock ?? Date.now;
  const now = (): Date => new Date(clock());
  const log = options.log ?? ((line: string) => console.error(line));
  const { repo, codeTable, payments } = options;
  const limiters = options.rateLimiters ?? memoryRateLimiters(clock);
  const readsLimiter = limiters('reads', config.rateLimits.reads);
  const serverSecret = options.serverSecret ?? randomBytes(32);
  const lifecycle: Lifecycle = options.lifecycle ?? { draining: false };

  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('/api/*', noStore());
  // A keep-alive client of a draining instance must open its next connection elsewhere.
  app.use('*', async (c, next) => {
    await next();
    if (lifecycle.draining) c.res.headers.set('Connection', 'close');
  });

  app.route(
    '/api/orders',
    ordersRoutes({
      repo,
      trustProxyHops: config.trustProxyHops,
      pendingTimeoutMs: config.pendingTimeoutMs,
      serverSecret,
      legacyKeyLookup: options.legacyKeyLookup ?? false,
      ordersLimiter: limiters('orders', config.rateLimits.orders),
      readsLimiter,
      now,
      ...(payments ? { price: payments.price } : {}),
      ...(codeTable
        ? {
            deliverInstantly: async (orderId: string) => {
              if (await codeTable.fulfilOrder(orderId, now())) options.mailer?.notify();
            },
          }
        : {}),
    }),
  );
  app.get('/api/price', (c) => c.json(priceAnswer(payments)));
  if (payments) {
    app.route(
      '/api',
      paymentRoutes({ orders: repo, payments, readsLimiter, trustProxyHops: config.trustProxyHops, now, log, ...(options.mailer ? { mailer: options.mailer } : {}) }),
    );
  }
  app.all('/api/orders', () => methodNotAllowed('POST'));
  app.all('/api/orders/:id', () => methodNotAllowed('GET, HEAD'));

  // Without ADMIN_TOKEN the admin routes do not exist: the catch-all below answers 404, as for any unknown path.
  if (config.adminToken) {
    app.route(
      '/api/admin',
      adminRoutes({
        repo,
        adminToken: config.adminToken,
        trustProxyHops: config.trustProxyHops,
        failuresLimiter: limiters('admin-failures', config.rateLimits.adminFailures),
        globalFailuresLimiter: limiters('admin-failures-all', config.rateLimits.adminFailuresGlobal),
        now,
        ...(options.mailer ? { mailer: options.mailer } : {}),
        ...(codeTable ? { codeTable } : {}),
        ...(payments ? { payments } : {}),
        retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
      }),
    );
  }

  app.get('/api/health', async (c) => {
    try {
      await repo.ping();
      return c.json({ ok: true, db: repo.dialect });
    } catch (error) {
      log(`health: database check failed (${error instanceof Error ? error.name : 'error'})`);
      return problem({ status: 503, detail: 'The database is not answering.' });
    }
  });

  // Readiness, for the load balancer: unready as soon as a drain begins, while the process still
  // finishes what it has; /api/health stays the liveness check.
  app.get('/api/ready', async (c) => {
    if (lifecycle.draining) return problem({ status: 503, detail: 'This instance is shutting down.' });
    try {
      await repo.ping();
      return c.json({ ready: true });
    } catch (error) {
      log(`ready: database check failed (${error instanceof Error ? error.name : 'error'})`);
      return problem({ status: 503, detail: 'The database is not answering.' });
    }
  });

  app.all('/api/*', () => notFound());
  app.all('/api', () => notFound());

  const { staticFiles } = options;
  if (staticFiles) app.get('*', (c) => staticFiles.respond(c.req.raw) ?? notFound());

  app.notFound(() => notFound());
  app.onError((error) => {
    // The class and message of our own and the drivers' errors carry no request data; the request itself is not logged.
    log(`request failed: ${error.name}: ${error.message.slice(0, 200)}`);
    return problem({ status: 500, detail: 'Something went wrong on our side; retry later.' });
  });

  return app;
}
