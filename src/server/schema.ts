// The database schema as Kysely types: the one place that says which columns exist and what they hold.
import type { Generated } from 'kysely';

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
  status: 'received' | 'fulfilled' | 'cancelled';
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
}

export type MailOutboxStatus = 'pending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  order_id: string;
  kind: 'code';
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
}

export type DatabaseDialect = 'sqlite' | 'postgres';
