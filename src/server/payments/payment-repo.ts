// Data access for payments: the open checkout session, and each webhook event applied once in its own transaction.
import type { Kysely, Transaction } from 'kysely';
import type { PaymentFlag } from '../../domain/order';
import { samePrice } from '../../domain/price';
import { fulfilFromCodeTable } from '../code-table-repo';
import { queueMail } from '../mail-outbox-repo';
import type { DatabaseSchema } from '../schema';
import type { CheckoutSession, PaymentEvent } from './stripe-gateway';

export interface OpenCheckout {
  /** Numbers the Stripe idempotency key: a new attempt only after the previous session expired. */
  attempt: number;
  session?: CheckoutSession;
}

/** What applying an event did, for the log and for waking the mail sender. */
export type EventOutcome =
  | 'duplicate'
  | 'ignored'
  | 'paid'
  | 'fulfilled'
  | 'flagged'
  | 'expired'
  | 'refunded'
  /** A refund arrived before its payment: kept, applied when checkout.session.completed comes. */
  | 'refundHeld';

export interface PaymentRepo {
  openCheckout(orderId: string): Promise<OpenCheckout | undefined>;
  /** Stores a new session unless another request stored one first; returns the stored one either way. */
  saveCheckout(orderId: string, attempt: number, session: CheckoutSession): Promise<CheckoutSession | undefined>;
  /** The stored session ran out without a webhook saying so: the next checkout starts a new attempt. */
  retireCheckout(orderId: string, attempt: number, sessionId: string): Promise<void>;
  applyEvent(event: PaymentEvent, now: Date): Promise<EventOutcome>;
  /** Before asking Stripe to refund: the reason is on the order so every refund mail (webhook or staff) carries it. */
  noteRefundReason(orderId: string, reason: string, now: Date): Promise<boolean>;
  /** After Stripe refunded: the order becomes refunded and the refund mail is queued, once. */
  markRefunded(orderId: string, now: Date): Promise<boolean>;
}

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Orders staff may refund: paid and unserved, or a payment that needs a person (flagged). */
export const REFUNDABLE_STATUSES = ['paid', 'awaiting_payment', 'cancelled'] as const;

async function refundOrder(trx: Db, orderId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await trx
    .updateTable('orders')
    .set({ status: 'refunded', refunded_at: at, updated_at: at, checkout_session_id: null, checkout_url: null, checkout_expires_at: null })
    .where('id', '=', orderId)
    .where('state', '=', 'complete')
    .where('payment_intent_id', 'is not', null)
    .where('status', 'in', ['paid', 'fulfilled', 'awaiting_payment', 'cancelled'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await queueMail(trx, orderId, 'refund', now);
  return true;
}

async function flag(trx: Db, orderId: string, paymentFlag: PaymentFlag, set: { paid_amount?: number; paid_currency?: string; payment_intent_id?: string }, now: Date): Promise<void> {
  await trx
    .updateTable('orders')
    .set({ ...set, payment_flag: paymentFlag, updated_at: now.toISOString() })
    .where('id', '=', orderId)
    .execute();
}

async function applyCompleted(trx: Transaction<DatabaseSchema>, event: Extract<PaymentEvent, { type: 'checkout.session.completed' }>, now: Date): Promise<EventOutcome> {
  if (!event.orderId || !event.paid) return 'ignored';
  const order = await trx
    .selectFrom('orders')
    .select(['status', 'price_amount', 'price_currency', 'payment_intent_id'])
    .where('id', '=', event.orderId)
    .where('state', '=', 'complete')
    .executeTakeFirst();
  if (!order) return 'ignored';
  const paidFields = {
    ...(event.amount ? { paid_amount: event.amount.amount, paid_currency: event.amount.currency } : {}),
    ...(event.paymentIntentId ? { payment_intent_id: event.paymentIntentId } : {}),
  };
  if (order.status === 'cancelled') {
    await flag(trx, event.orderId, 'paidAfterCancel', paidFields, now);
    return 'flagged';
  }
  if (order.status !== 'awaiting_payment') return 'ignored';
  const price = order.price_amount !== null && order.price_currency !== null ? { amount: Number(order.price_amount), currency: order.price_currency } : undefined;
  if (!price || !event.amount || !samePrice(price, event.amount)) {
    await flag(trx, event.orderId, 'amountMismatch', paidFields, now);
    return 'flagged';
  }
  const at = now.toISOString();
  const moved = await trx
    .updateTable('orders')
    .set({ ...paidFields, status: 'paid', paid_at: at, updated_at: at, payment_flag: null, checkout_url: null })
    .where('id', '=', event.orderId)
    .where('status', '=', 'awaiting_payment')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return 'ignored';
  // A refund of this payment that arrived first (events come in any order) wins over delivery.
  if (event.paymentIntentId) {
    const heldRefund = await trx
      .selectFrom('payment_events')
      .select('event_id')
      .where('payment_intent_id', '=', event.paymentIntentId)
      .where('type', '=', 'charge.refunded')
      .executeTakeFirst();
    if (heldRefund) return (await refundOrder(trx, event.orderId, now)) ? 'refunded' : 'paid';
  }
  return (await fulfilFromCodeTable(trx, event.orderId, now)) ? 'fulfilled' : 'paid';
}

async function applyExpired(trx: Transaction<DatabaseSchema>, event: Extract<PaymentEvent, { type: 'checkout.session.expired' }>, now: Date): Promise<EventOutcome> {
  if (!event.orderId) return 'ignored';
  const result = await trx
    .updateTable('orders')
    .set((eb) => ({
      checkout_session_id: null,
      checkout_url: null,
      checkout_expires_at: null,
      checkout_attempts: eb(eb.fn.coalesce('checkout_attempts', eb.lit(0)), '+', 1),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', event.orderId)
    .where('checkout_session_id', '=', event.sessionId)
    .where('status', '=', 'awaiting_payment')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'expired' : 'ignored';
}

async function applyRefunded(trx: Transaction<DatabaseSchema>, event: Extract<PaymentEvent, { type: 'charge.refunded' }>, now: Date): Promise<EventOutcome> {
  if (!event.paymentIntentId) return 'ignored';
  const order = await trx.selectFrom('orders').select(['id', 'status']).where('payment_intent_id', '=', event.paymentIntentId).executeTakeFirst();
  if (!order) return 'refundHeld';
  if (!event.fullyRefunded) {
    await flag(trx, order.id, 'partialRefund', {}, now);
    return 'flagged';
  }
  return (await refundOrder(trx, order.id, now)) ? 'refunded' : 'ignored';
}

export function createPaymentRepo(db: Kysely<DatabaseSchema>): PaymentRepo {
  return {
    async openCheckout(orderId) {
      const row = await db
        .selectFrom('orders')
        .select(['checkout_session_id', 'checkout_url', 'checkout_expires_at', 'checkout_attempts'])
        .where('id', '=', orderId)
        .executeTakeFirst();
      if (!row) return undefined;
      const open: OpenCheckout = { attempt: Number(row.checkout_attempts ?? 0) };
      if (row.checkout_session_id && row.checkout_url && row.checkout_expires_at) {
        open.session = { id: row.checkout_session_id, url: row.checkout_url, expiresAt: row.checkout_expires_at };
      }
      return open;
    },

    async saveCheckout(orderId, attempt, session) {
      await db
        .updateTable('orders')
        .set({ checkout_session_id: session.id, checkout_url: session.url, checkout_expires_at: session.expiresAt, checkout_attempts: attempt })
        .where('id', '=', orderId)
        .where('status', '=', 'awaiting_payment')
        .where('checkout_session_id', 'is', null)
        .execute();
      return (await this.openCheckout(orderId))?.session;
    },

    async retireCheckout(orderId, attempt, sessionId) {
      await db
        .updateTable('orders')
        .set({ checkout_session_id: null, checkout_url: null, checkout_expires_at: null, checkout_attempts: attempt + 1 })
        .where('id', '=', orderId)
        .where('checkout_session_id', '=', sessionId)
        .execute();
    },

    applyEvent(event, now) {
      return db.transaction().execute(async (trx): Promise<EventOutcome> => {
        // The event id is the lock: a replay (or a duplicate racing this one) inserts nothing and stops here.
        const recorded = await trx
          .insertInto('payment_events')
          .values({
            event_id: event.id,
            type: event.type === 'other' ? event.stripeType : event.type,
            order_id: event.type === 'checkout.session.completed' || event.type === 'checkout.session.expired' ? (event.orderId ?? null) : null,
            payment_intent_id: event.type === 'charge.refunded' || event.type === 'checkout.session.completed' ? (event.paymentIntentId ?? null) : null,
            received_at: now.toISOString(),
          })
          .onConflict((conflict) => conflict.column('event_id').doNothing())
          .executeTakeFirst();
        if (Number(recorded.numInsertedOrUpdatedRows ?? 0n) !== 1) return 'duplicate';
        switch (event.type) {
          case 'checkout.session.completed':
            return applyCompleted(trx, event, now);
          case 'checkout.session.expired':
            return applyExpired(trx, event, now);
          case 'charge.refunded':
            return applyRefunded(trx, event, now);
          case 'other':
            return 'ignored';
        }
      });
    },

    async noteRefundReason(orderId, reason, now) {
      const result = await db
        .updateTable('orders')
        .set({ cancel_reason: reason, updated_at: now.toISOString() })
        .where('id', '=', orderId)
        .where('state', '=', 'complete')
        .where('payment_intent_id', 'is not', null)
        .where('status', 'in', [...REFUNDABLE_STATUSES])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    markRefunded(orderId, now) {
      return db.transaction().execute((trx) => refundOrder(trx, orderId, now));
    },
  };
}
