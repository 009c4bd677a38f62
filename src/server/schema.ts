// The database schema as Kysely types: the one place that says which columns exist and what they hold.
import type { Generated } from 'kysely';
import type { OrderStatus, PaymentFlag } from '../domain/order';

/** 'pending' while the request that created the order is still being answered; then 'complete'. */
export type OrderRowState = 'pending' | 'complete';

export interface OrdersTable {
  id: string;
  /** sha256 of the Idempotency-Key: unique, so one key makes at most one order. */
  idempotency_key_hash: string;
  /** sha256 of the canonical, normalised request body: tells a retry from a different order. */
  request_fingerprint: string;
  state: OrderRowState;
  /** When the current attempt to answer the request began (a stale pending row may be taken over). */
  claimed_at: string;
  /** sha256 hex of the customer's bearer token; the token itself is never stored. */
  token_hash: string;
  status: OrderStatus;
  serial: string;
  email: string;
  generation: string;
  locale: string;
  case_label: string | null;
  code: string | null;
  cancel_reason: string | null;
  response_status: number | null;
  /** The first response, sealed with the Idempotency-Key (see idempotency.ts). */
  response_sealed: string | null;
  created_at: string;
  updated_at: string;
  // Payment (migration 0002); all null with payment off. Amounts in the currency's minor unit.
  price_amount: number | null;
  price_currency: string | null;
  /** The one open Checkout Session, reused until it expires; attempts number the idempotency keys. */
  checkout_session_id: string | null;
  checkout_url: string | null;
  checkout_expires_at: string | null;
  checkout_attempts: number | null;
  payment_intent_id: string | null;
  paid_amount: number | null;
  paid_currency: string | null;
  paid_at: string | null;
  /** Set when a payment needs a person (the order is then not treated as paid). */
  payment_flag: PaymentFlag | null;
  fulfilled_at: string | null;
  refunded_at: string | null;
  /** When the retention job blanked e-mail and serial. */
  redacted_at: string | null;
}

/** Staff-imported codes: instant delivery for a paid order whose serial is here. */
export interface CodeTableTable {
  serial: string;
  code: string;
  created_at: string;
}

/** Each Stripe webhook event applied once; charge.refunded keeps its payment intent for a later checkout.session.completed. */
export interface PaymentEventsTable {
  event_id: string;
  type: string;
  order_id: string | null;
  payment_intent_id: string | null;
  received_at: string;
}

export type MailOutboxStatus = 'pending' | 'sent' | 'failed';
export type MailKind = 'code' | 'refund';

export interface MailOutboxTable {
  id: string;
  order_id: string;
  kind: MailKind;
  status: MailOutboxStatus;
  attempts: Generated<number>;
  /** Due time, and while a sender works on the entry, the end of its lease. */
  next_attempt_at: string;
  /** An error class or SMTP status, never the server's text (it may quote the address). */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Random id of the current lease while a sender works on the entry; its outcome is written only under it. */
  lease_id: string | null;
}

/** Generated once and shared by every instance (see server-secret.ts). */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface DatabaseSchema {
  orders: OrdersTable;
  mail_outbox: MailOutboxTable;
  server_secrets: ServerSecretsTable;
  code_table: CodeTableTable;
  payment_events: PaymentEventsTable;
}

export type DatabaseDialect = 'sqlite' | 'postgres';
