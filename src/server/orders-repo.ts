// Data access for orders: the idempotent two-step insert, reads, and the staff transitions (fulfil, cancel).
import type { Kysely, Selectable } from 'kysely';
import { STAFF_QUEUE_STATUSES, type Locale, type OrderRequest, type OrderStatus, type PaymentFlag } from '../domain/order';
import type { Price } from '../domain/price';
import type { OrderGeneration } from '../domain/generations';
import { queueCodeMail } from './mail-outbox-repo';
import type { DatabaseDialect, DatabaseSchema, OrderRowState, OrdersTable } from './schema';

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

export type InsertPendingResult = { inserted: true } | { inserted: false; existing: IdempotencyRecord };

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
  /** Step 1, its own transaction: the order row in state 'pending', or the row this key already made. */
  insertPending(order: NewOrder, now: Date): Promise<InsertPendingResult>;
  /** Step 2: stores the first response and makes the order visible. Returns after the commit. */
  completePending(id: string, response: { status: number; sealed: string }, now: Date): Promise<void>;
  /**
   * Takes over a pending row whose attempt was abandoned (its process died before step 2):
   * true when this caller now owns it, with a fresh token hash (nobody ever saw the old token).
   */
  reclaimStalePending(keyHash: string, previousClaimedAt: string, tokenHash: string, now: Date): Promise<boolean>;
  findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined>;
  findOrder(id: string): Promise<OrderRecord | undefined>;
  listOrders(query: ListOrdersQuery): Promise<OrderRecord[]>;
  /** received or paid → fulfilled; with queueMail, the code e-mail enters the outbox in the same transaction. */
  fulfil(id: string, code: string, now: Date, options: { queueMail: boolean }): Promise<TransitionResult>;
  /** received or awaiting_payment → cancelled (a paid order is refunded instead). */
  cancel(id: string, reason: string, now: Date): Promise<TransitionResult>;
  ping(): Promise<void>;
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

export function createOrdersRepo(db: Kysely<DatabaseSchema>, dialect: DatabaseDialect): OrdersRepo {
  async function findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const row = await db
      .selectFrom('orders')
      .select(['id', 'state', 'request_fingerprint', 'claimed_at', 'response_status', 'response_sealed'])
      .where('idempotency_key_hash', '=', keyHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const record: IdempotencyRecord = { id: row.id, state: row.state, fingerprint: row.request_fingerprint, claimedAt: row.claimed_at };
    if (row.response_status !== null) record.responseStatus = row.response_status;
    if (row.response_sealed !== null) record.responseSealed = row.response_sealed;
    return record;
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

    async insertPending(order, now) {
      const at = now.toISOString();
      // ON CONFLICT DO NOTHING on the key only: a concurrent insert with the same key waits for
      // the first one's commit (PostgreSQL) or for the write lock (SQLite), then inserts nothing.
      const result = await db
        .insertInto('orders')
        .values({
          id: order.id,
          idempotency_key_hash: order.keyHash,
          request_fingerprint: order.fingerprint,
          state: 'pending',
          claimed_at: at,
          token_hash: order.tokenHash,
          status: order.price ? 'awaiting_payment' : 'received',
          price_amount: order.price?.amount ?? null,
          price_currency: order.price?.currency ?? null,
          serial: order.request.serial,
          email: order.request.email,
          generation: order.request.generation,
          locale: order.request.locale,
          case_label: order.request.caseLabel ?? null,
          code: null,
          cancel_reason: null,
          response_status: null,
          response_sealed: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((conflict) => conflict.column('idempotency_key_hash').doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return { inserted: true };
      const existing = await findIdempotencyRecord(order.keyHash);
      // Only possible if the row vanished between the two statements; rows are never deleted.
      if (!existing) throw new Error('idempotency key conflict without a row');
      return { inserted: false, existing };
    },

    async completePending(id, response, now) {
      const result = await db
        .updateTable('orders')
        .set({ state: 'complete', response_status: response.status, response_sealed: response.sealed, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new Error('order to complete is not pending');
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
