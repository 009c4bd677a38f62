// Data access for orders: the idempotent one-commit insert (group-committed on SQLite), reads, and the staff transitions.
import type { Insertable, Kysely, Selectable } from 'kysely';
import { STAFF_QUEUE_STATUSES, type Locale, type OrderRequest, type OrderStatus, type PaymentFlag } from '../domain/order';
import type { Price } from '../domain/price';
import type { OrderGeneration } from '../domain/generations';
import { queueCodeMail } from './mail-outbox-repo';
import type { DatabaseDialect, DatabaseSchema, OrderRowState, OrdersTable } from './schema';
import type { SqliteOrderWriter } from './sqlite-order-writer';

/** An order as the rest of the server sees it (complete rows only). */
export interface OrderRecord {
  id: string;
  status: OrderStatus;
  tokenHash: string;
  serial: string;
  email: string;
  generation: OrderGeneration;
  locale: Locale;
  caseLabel?: string;
  code?: string;
  cancelReason?: string;
  /** Payment on: the price fixed when the order was placed, and what a completed checkout charged. */
  price?: Price;
  paid?: Price;
  paymentIntentId?: string;
  paymentFlag?: PaymentFlag;
  createdAt: string;
  updatedAt: string;
}

/** What a request with an already used Idempotency-Key finds. */
export interface IdempotencyRecord {
  id: string;
  state: OrderRowState;
  fingerprint: string;
  claimedAt: string;
  responseStatus?: number;
  responseSealed?: string;
}

export interface NewOrder {
  id: string;
  keyHash: string;
  fingerprint: string;
  tokenHash: string;
  request: OrderRequest;
  /** With payment on, the order waits for payment at this price; without, it is 'received' at once. */
  price?: Price;
}

/** The first response to a key, sealed with it (see idempotency.ts): stored with the order, replayed to retries. */
export interface FirstResponse {
  status: number;
  sealed: string;
}

export type InsertPendingResult = { inserted: true } | { inserted: false; existing: IdempotencyRecord };
export type InsertOrderResult = InsertPendingResult;

export type TransitionResult =
  | { kind: 'changed'; order: OrderRecord }
  | { kind: 'unchanged'; order: OrderRecord }
  | { kind: 'conflict'; order: OrderRecord }
  | { kind: 'notFound' };

export interface ListOrdersQuery {
  status?: OrderStatus;
  /** The staff queue: received and paid orders, and every order whose payment was flagged. */
  staffQueue?: boolean;
  limit: number;
}

export interface OrdersRepo {
  readonly dialect: DatabaseDialect;
  /**
   * One commit: the complete order with its first response, or the row this key already made.
   * Resolves only once the row is durably stored (on SQLite, with the other orders of its group commit).
   */
  insertOrder(order: NewOrder, response: FirstResponse, now: Date): Promise<InsertOrderResult>;
  /**
   * The earlier two-step write, step 1: the order row in state 'pending', or the row this key already made.
   * New orders use insertOrder; pending rows remain from versions that wrote two commits (and tests make them).
   */
  insertPending(order: NewOrder, now: Date): Promise<InsertPendingResult>;
  /**
   * Step 2: stores the first response and makes the order visible, only while the row is still
   * this attempt's claim (pending, with the token hash it wrote). False when a retry took the row
   * over meanwhile: then this attempt's token is not the order's and must not be handed out.
   * Returns after the commit.
   */
  completePending(id: string, claimTokenHash: string, response: { status: number; sealed: string }, now: Date): Promise<boolean>;
  /**
   * Takes over a pending row whose attempt was abandoned (its process died before step 2):
   * true when this caller now owns it, with a fresh token hash (nobody ever saw the old token).
   */
  reclaimStalePending(keyHash: string, previousClaimedAt: string, tokenHash: string, now: Date): Promise<boolean>;
  findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined>;
  /** Whether any order's key is stored in the pre-HMAC form (no `k2:` prefix): see placeOrder's legacyKeyLookup. */
  hasLegacyKeyHashes(): Promise<boolean>;
  findOrder(id: string): Promise<OrderRecord | undefined>;
  listOrders(query: ListOrdersQuery): Promise<OrderRecord[]>;
  /** received or paid → fulfilled; with queueMail, the code e-mail enters the outbox in the same transaction. */
  fulfil(id: string, code: string, now: Date, options: { queueMail: boolean }): Promise<TransitionResult>;
  /** received or awaiting_payment → cancelled (a paid order is refunded instead). */
  cancel(id: string, reason: string, now: Date): Promise<TransitionResult>;
  ping(): Promise<void>;
}

/** The row of a new order: 'pending' without a response (two-step), or 'complete' with it (one commit). */
export function newOrderRow(order: NewOrder, at: string, response?: FirstResponse): Insertable<OrdersTable> {
  return {
    id: order.id,
    idempotency_key_hash: order.keyHash,
    request_fingerprint: order.fingerprint,
    state: response ? 'complete' : 'pending',
    claimed_at: at,
    token_hash: order.tokenHash,
    // With payment on the order waits for its payment at this price; without, it is received at once.
    status: order.price ? 'awaiting_payment' : 'received',
    price_amount: order.price?.amount ?? null,
    price_currency: order.price?.currency ?? null,
    checkout_session_id: null,
    checkout_url: null,
    checkout_expires_at: null,
    checkout_attempts: null,
    payment_intent_id: null,
    paid_amount: null,
    paid_currency: null,
    paid_at: null,
    payment_flag: null,
    fulfilled_at: null,
    refunded_at: null,
    redacted_at: null,
    serial: order.request.serial,
    email: order.request.email,
    generation: order.request.generation,
    locale: order.request.locale,
    case_label: order.request.caseLabel ?? null,
    code: null,
    cancel_reason: null,
    response_status: response?.status ?? null,
    response_sealed: response?.sealed ?? null,
    created_at: at,
    updated_at: at,
  };
}

export type IdempotencyRow = Pick<Selectable<OrdersTable>, 'id' | 'state' | 'request_fingerprint' | 'claimed_at' | 'response_status' | 'response_sealed'>;

export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  const record: IdempotencyRecord = { id: row.id, state: row.state, fingerprint: row.request_fingerprint, claimedAt: row.claimed_at };
  if (row.response_status !== null) record.responseStatus = row.response_status;
  if (row.response_sealed !== null) record.responseSealed = row.response_sealed;
  return record;
}

function toRecord(row: Selectable<OrdersTable>): OrderRecord {
  const record: OrderRecord = {
    id: row.id,
    status: row.status,
    tokenHash: row.token_hash,
    serial: row.serial,
    email: row.email,
    generation: row.generation as OrderGeneration,
    locale: row.locale as Locale,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.case_label !== null) record.caseLabel = row.case_label;
  if (row.code !== null) record.code = row.code;
  if (row.cancel_reason !== null) record.cancelReason = row.cancel_reason;
  if (row.price_amount !== null && row.price_currency !== null) record.price = { amount: Number(row.price_amount), currency: row.price_currency };
  if (row.paid_amount !== null && row.paid_currency !== null) record.paid = { amount: Number(row.paid_amount), currency: row.paid_currency };
  if (row.payment_intent_id !== null) record.paymentIntentId = row.payment_intent_id;
  if (row.payment_flag !== null) record.paymentFlag = row.payment_flag;
  return record;
}

/**
 * `sqliteWriter` (SQLite only) takes over insertOrder: concurrent orders share one transaction and
 * one fsync (group commit, in a worker thread). Without it every insertOrder is its own statement and commit.
 */
export function createOrdersRepo(db: Kysely<DatabaseSchema>, dialect: DatabaseDialect, sqliteWriter?: SqliteOrderWriter): OrdersRepo {
  async function findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const row = await db
      .selectFrom('orders')
      .select(['id', 'state', 'request_fingerprint', 'claimed_at', 'response_status', 'response_sealed'])
      .where('idempotency_key_hash', '=', keyHash)
      .executeTakeFirst();
    return row ? toIdempotencyRecord(row) : undefined;
  }

  /** ON CONFLICT DO NOTHING on the key, then the row that won (see insertPending for why that is safe). */
  async function insertRow(order: NewOrder, at: string, response?: FirstResponse): Promise<InsertPendingResult> {
    const result = await db
      .insertInto('orders')
      .values(newOrderRow(order, at, response))
      .onConflict((conflict) => conflict.column('idempotency_key_hash').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return { inserted: true };
    const existing = await findIdempotencyRecord(order.keyHash);
    // Only possible if the row vanished between the two statements; rows are never deleted.
    if (!existing) throw new Error('idempotency key conflict without a row');
    return { inserted: false, existing };
  }

  async function findOrder(id: string, executor: Kysely<DatabaseSchema> = db): Promise<OrderRecord | undefined> {
    const row = await executor.selectFrom('orders').selectAll().where('id', '=', id).where('state', '=', 'complete').executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Why a conditional update changed nothing: no such order, the same change already made, or a conflict. */
  async function explain(executor: Kysely<DatabaseSchema>, id: string, same: (order: OrderRecord) => boolean): Promise<TransitionResult> {
    const order = await findOrder(id, executor);
    if (!order) return { kind: 'notFound' };
    return same(order) ? { kind: 'unchanged', order } : { kind: 'conflict', order };
  }

  return {
    dialect,

    insertOrder(order, response, now) {
      if (sqliteWriter) return sqliteWriter.insertOrder(order, response, now);
      return insertRow(order, now.toISOString(), response);
    },

    insertPending(order, now) {
      // ON CONFLICT DO NOTHING on the key only: a concurrent insert with the same key waits for
      // the first one's commit (PostgreSQL) or for the write lock (SQLite), then inserts nothing.
      return insertRow(order, now.toISOString());
    },

    async completePending(id, claimTokenHash, response, now) {
      const result = await db
        .updateTable('orders')
        .set({ state: 'complete', response_status: response.status, response_sealed: response.sealed, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('token_hash', '=', claimTokenHash)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async reclaimStalePending(keyHash, previousClaimedAt, tokenHash, now) {
      const at = now.toISOString();
      const result = await db
        .updateTable('orders')
        .set({ claimed_at: at, token_hash: tokenHash, created_at: at, updated_at: at })
        .where('idempotency_key_hash', '=', keyHash)
        .where('state', '=', 'pending')
        .where('claimed_at', '=', previousClaimedAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    findIdempotencyRecord,

    async hasLegacyKeyHashes() {
      const row = await db.selectFrom('orders').select('id').where('idempotency_key_hash', 'not like', 'k2:%').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    findOrder: (id) => findOrder(id),

    async listOrders({ status, staffQueue, limit }) {
      let query = db.selectFrom('orders').selectAll().where('state', '=', 'complete');
      if (status) query = query.where('status', '=', status);
      if (staffQueue) query = query.where((eb) => eb.or([eb('status', 'in', [...STAFF_QUEUE_STATUSES]), eb('payment_flag', 'is not', null)]));
      const rows = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
      return rows.map(toRecord);
    },

    fulfil(id, code, now, { queueMail }) {
      return db.transaction().execute(async (trx) => {
        const at = now.toISOString();
        // Conditional update first: of two staff fulfilling at once, exactly one changes the row.
        const result = await trx
          .updateTable('orders')
          .set({ status: 'fulfilled', code, fulfilled_at: at, updated_at: at })
          .where('id', '=', id)
          .where('state', '=', 'complete')
          .where('status', 'in', ['received', 'paid'])
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) {
          return explain(trx, id, (order) => order.status === 'fulfilled' && order.code === code);
        }
        if (queueMail) await queueCodeMail(trx, id, now);
        const order = await findOrder(id, trx);
        if (!order) throw new Error('fulfilled order vanished');
        return { kind: 'changed', order };
      });
    },

    cancel(id, reason, now) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('orders')
          .set({ status: 'cancelled', cancel_reason: reason, updated_at: now.toISOString() })
          .where('id', '=', id)
          .where('state', '=', 'complete')
          .where('status', 'in', ['received', 'awaiting_payment'])
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return explain(trx, id, (order) => order.status === 'cancelled');
        const order = await findOrder(id, trx);
        if (!order) throw new Error('cancelled order vanished');
        return { kind: 'changed', order };
      });
    },

    async ping() {
      await db.selectFrom('orders').select('id').limit(1).execute();
    },
  };
}
