// The only module that talks to Stripe: Checkout Sessions, refunds and webhook verification through the official SDK.
import { Stripe } from 'stripe';
import type { Locale } from '../../domain/order';
import type { Price } from '../../domain/price';

export interface CheckoutSessionRequest {
  orderId: string;
  price: Price;
  locale: Locale;
  successUrl: string;
  cancelUrl: string;
  /** Stripe replays the first answer for the same key: two racing requests get one session. */
  idempotencyKey: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
  /** ISO time after which Stripe no longer accepts payment on this session. */
  expiresAt: string;
}

/** What the webhook handler needs from an event: already verified, narrowed to the three we act on. */
export type PaymentEvent =
  | { id: string; type: 'checkout.session.completed'; orderId?: string; paid: boolean; amount?: Price; paymentIntentId?: string; sessionId: string }
  | { id: string; type: 'checkout.session.expired'; orderId?: string; sessionId: string }
  | { id: string; type: 'charge.refunded'; paymentIntentId?: string; fullyRefunded: boolean }
  | { id: string; type: 'other'; stripeType: string };

export interface PaymentGateway {
  createCheckoutSession(request: CheckoutSessionRequest): Promise<CheckoutSession>;
  /**
   * Closes a session before another is made for the same order, so the customer cannot pay on both. Resolves with
   * what the session is now: 'expired' (closed, or it had run out), or 'complete' (it was paid meanwhile).
   */
  expireCheckoutSession(sessionId: string): Promise<'expired' | 'complete'>;
  /** A full refund of the payment; the same key returns the same refund. */
  refund(paymentIntentId: string, idempotencyKey: string): Promise<{ id: string }>;
  /** Checks the Stripe-Signature of the raw body (SDK, default tolerance); throws when it does not hold. */
  verifyEvent(rawBody: string, signature: string): PaymentEvent;
}

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API base (a local stand-in in tests); the SDK's host/port/protocol options. */
  apiUrl?: URL;
  /** The SDK retries network errors and 409/429/5xx with backoff, reusing the idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/** Stripe's name for the order's product on the hosted page and the receipt. */
const PRODUCT_NAME = 'MINI radio code';

export function createStripeClient(options: Pick<StripeGatewayOptions, 'secretKey' | 'apiUrl' | 'maxNetworkRetries' | 'timeoutMs'>): Stripe {
  const api = options.apiUrl;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          protocol: api.protocol === 'http:' ? ('http' as const) : ('https' as const),
          ...(api.port ? { port: Number(api.port) } : {}),
        }
      : {}),
  });
}

function priceOf(amount: number | null | undefined, currency: string | null | undefined): Price | undefined {
  return typeof amount === 'number' && typeof currency === 'string' ? { amount, currency: currency.toUpperCase() } : undefined;
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/** Narrows a verified Stripe event to what the service acts on. */
export function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      const result: PaymentEvent = { id: event.id, type: 'checkout.session.completed', sessionId: session.id, paid: session.payment_status === 'paid' };
      if (session.client_reference_id) result.orderId = session.client_reference_id;
      const amount = priceOf(session.amount_total, session.currency);
      if (amount) result.amount = amount;
      const intent = idOf(session.payment_intent);
      if (intent) result.paymentIntentId = intent;
      return result;
    }
    case 'checkout.session.expired': {
      const session = event.data.object;
      return { id: event.id, type: 'checkout.session.expired', sessionId: session.id, ...(session.client_reference_id ? { orderId: session.client_reference_id } : {}) };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const intent = idOf(charge.payment_intent);
      return { id: event.id, type: 'charge.refunded', fullyRefunded: charge.refunded, ...(intent ? { paymentIntentId: intent } : {}) };
    }
    default:
      return { id: event.id, type: 'other', stripeType: event.type };
  }
}

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = createStripeClient(options);
  return {
    async createCheckoutSession(request) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: request.orderId,
          line_items: [
            {
              quantity: 1,
              price_data: { currency: request.price.currency.toLowerCase(), unit_amount: request.price.amount, product_data: { name: PRODUCT_NAME } },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          locale: request.locale,
          metadata: { order_id: request.orderId },
          payment_intent_data: { metadata: { order_id: request.orderId } },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
      return { id: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000).toISOString() };
    },

    async expireCheckoutSession(sessionId) {
      try {
        await stripe.checkout.sessions.expire(sessionId);
        return 'expired';
      } catch (error) {
        // Only an open session can be expired: one that is not open was paid, or has run out already.
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        if (session.status === 'complete') return 'complete';
        if (session.status === 'expired') return 'expired';
        throw error;
      }
    },

    async refund(paymentIntentId, idempotencyKey) {
      const refund = await stripe.refunds.create({ payment_intent: paymentIntentId }, { idempotencyKey });
      return { id: refund.id };
    },

    verifyEvent(rawBody, signature) {
      return toPaymentEvent(stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret));
    },
  };
}
