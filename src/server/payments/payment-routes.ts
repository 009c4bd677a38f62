// Payment routes: GET /api/price, POST /api/orders/:id/checkout (bearer token) and the signed Stripe webhook POST /api/payments/stripe.
import { Hono } from 'hono';
import type { CheckoutAnswer, PriceAnswer } from '../../domain/order';
import type { Price } from '../../domain/price';
import type { MailNotifier } from '../mailer';
import type { OrdersRepo } from '../orders-repo';
import { notFound, problem, tooManyRequests } from '../problem';
import { addressKey, clientAddress } from '../client-address';
import type { RateLimiter } from '../rate-limit';
import { readJsonBody, readTextBody } from '../request-body';
import { findCustomerOrder } from '../customer-order';
import type { PaymentRepo } from './payment-repo';
import type { PaymentGateway } from './stripe-gateway';

/** Everything payment needs; createApp gets it only when STRIPE_SECRET_KEY is set. */
export interface Payments {
  gateway: PaymentGateway;
  repo: PaymentRepo;
  price: Price;
  /** The origin customers use, for Stripe's return links; unset = the request's own origin. */
  publicUrl?: string;
}

export interface PaymentRoutesDeps {
  orders: OrdersRepo;
  payments: Payments;
  readsLimiter: RateLimiter;
  trustProxyHops: number;
  mailer?: MailNotifier;
  now: () => Date;
  log: (line: string) => void;
}

/** Stripe's events are a few KiB; anything near this is not Stripe. */
const WEBHOOK_MAX_BYTES = 256 * 1024;
/** A stored session this close to its end is not handed out again: the customer needs time to pay. */
const SESSION_MIN_REMAINING_MS = 10 * 60_000;
/** Where the checkout may send the customer back to: a case on the device, or the orders list. No other paths (no open redirect). */
/** Stripe did not answer (or refused): the customer may simply try again in a moment. */
const paymentUnavailable = () =>
  problem({ status: 502, type: 'payment-provider', code: 'payment.unavailable', detail: 'The payment service did not answer; retry shortly.', headers: { 'Retry-After': '5' } });

const RETURN_PATH = /^\/(?:case\/[A-Za-z0-9_-]{1,64}|orders)$/;


export function priceAnswer(payments: Payments | undefined): PriceAnswer {
  return payments ? { payment: 'on', price: payments.price } : { payment: 'off' };
}

export function paymentRoutes(deps: PaymentRoutesDeps): Hono {
  const routes = new Hono();
  const { payments } = deps;

  routes.post('/orders/:id/checkout', async (c) => {
    const limited = await deps.readsLimiter.take(addressKey(clientAddress(c, deps.trustProxyHops)));
    if (!limited.ok) return tooManyRequests(limited.retryAfterSeconds);

    const order = await findCustomerOrder(deps.orders, c.req.param('id'), c.req.header('authorization'));
    if (!order) return notFound();
    const { id } = order;

    let returnPath = '/orders';
    if (c.req.header('content-type') !== undefined) {
      const body = await readJsonBody(c.req.raw);
      const requested = body.ok && typeof body.value === 'object' && body.value !== null ? (body.value as { returnPath?: unknown }).returnPath : undefined;
      if (typeof requested === 'string' && RETURN_PATH.test(requested)) returnPath = requested;
    }
    if (order.status !== 'awaiting_payment' || order.paymentFlag !== undefined || !order.price) {
      return problem({
        status: 409,
        type: 'order-state',
        code: 'order.notAwaitingPayment',
        detail: `The order is ${order.status}${order.paymentFlag ? ' and its payment is with staff' : ''}; there is nothing to pay.`,
      });
    }

    const open = await payments.repo.openCheckout(id);
    if (!open) return notFound();
    const now = deps.now().getTime();
    if (open.session && Date.parse(open.session.expiresAt) - now > SESSION_MIN_REMAINING_MS) {
      return c.json({ url: open.session.url } satisfies CheckoutAnswer);
    }
    let attempt = open.attempt;
    if (open.session) {
      // About to run out (or ran out without its expiry event yet). Close it at Stripe first, so the customer cannot
      // pay on it and on its successor; then retire it so the next session gets a fresh idempotency key.
      let previous: 'expired' | 'complete';
      try {
        previous = await payments.gateway.expireCheckoutSession(open.session.id);
      } catch (error) {
        deps.log(`checkout: Stripe did not close the previous session (${error instanceof Error ? error.name : 'error'})`);
        return paymentUnavailable();
      }
      if (previous === 'complete') {
        return problem({
          status: 409,
          type: 'order-state',
          code: 'order.paymentUnderWay',
          detail: 'The order was paid on its previous checkout; it moves on as soon as the payment is confirmed. Nothing more to pay.',
        });
      }
      await payments.repo.retireCheckout(id, attempt, open.session.id);
      attempt += 1;
    }
    const origin = payments.publicUrl ?? new URL(c.req.url).origin;
    let session;
    try {
      session = await payments.gateway.createCheckoutSession({
        orderId: id,
        price: order.price,
        locale: order.locale,
        successUrl: `${origin}${returnPath}?paid=1`,
        cancelUrl: `${origin}${returnPath}?payment=cancelled`,
        idempotencyKey: `checkout:${id}:${attempt}`,
      });
    } catch (error) {
      deps.log(`checkout: Stripe refused or did not answer (${error instanceof Error ? error.name : 'error'})`);
      return paymentUnavailable();
    }
    const stored = await payments.repo.saveCheckout(id, attempt, session);
    return c.json({ url: (stored ?? session).url } satisfies CheckoutAnswer);
  });

  routes.post('/payments/stripe', async (c) => {
    const signature = c.req.header('stripe-signature');
    const raw = await readTextBody(c.req.raw, WEBHOOK_MAX_BYTES);
    if (raw === undefined) return problem({ status: 413, detail: 'The event is larger than any Stripe event.' });
    let event;
    try {
      if (!signature) throw new Error('no signature');
      event = payments.gateway.verifyEvent(raw, signature);
    } catch {
      // Nothing is read from an unsigned body: a forged event changes nothing.
      return problem({ status: 400, type: 'webhook-signature', code: 'webhook.signature', detail: 'The Stripe-Signature header does not match this body.' });
    }
    const outcome = await payments.repo.applyEvent(event, deps.now());
    if (outcome === 'fulfilled' || outcome === 'refunded') deps.mailer?.notify();
    if (outcome !== 'duplicate' && outcome !== 'ignored') deps.log(`payment: ${event.type === 'other' ? event.stripeType : event.type} ${event.id} → ${outcome}`);
    return c.json({ received: true, outcome });
  });

  return routes;
}
