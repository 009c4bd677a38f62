// The HTTP application: wires the order, admin, health and static routes with headers, limits and error answers.
import { Hono } from 'hono';
import { DEFAULT_APP_CONFIG, DEFAULT_RATE_LIMITS, DEFAULT_RETENTION_DAYS, type AppConfig, type RateLimits } from './config';
import { adminRoutes } from './admin-routes';
import type { MailNotifier } from './mailer';
import type { OrdersRepo } from './orders-repo';
import type { CodeTableRepo } from './code-table-repo';
import { paymentRoutes, priceAnswer, type Payments } from './payments/payment-routes';
import { ordersRoutes } from './orders-routes';
import { notFound, problem } from './problem';
import { RateLimiter, type Clock } from './rate-limit';
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
  /** Where error lines go; never given personal data. */
  log?: (line: string) => void;
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
  const readsLimiter = new RateLimiter(config.rateLimits.reads, clock);

  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('/api/*', noStore());

  app.route(
    '/api/orders',
    ordersRoutes({
      repo,
      trustProxy: config.trustProxy,
      pendingTimeoutMs: config.pendingTimeoutMs,
      ordersLimiter: new RateLimiter(config.rateLimits.orders, clock),
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
      paymentRoutes({ orders: repo, payments, readsLimiter, trustProxy: config.trustProxy, now, log, ...(options.mailer ? { mailer: options.mailer } : {}) }),
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
        trustProxy: config.trustProxy,
        failuresLimiter: new RateLimiter(config.rateLimits.adminFailures, clock),
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
