// One group-commit batch of new orders on a better-sqlite3 connection: prepared statements, an IMMEDIATE transaction, a savepoint per order.
import type Sqlite from 'better-sqlite3';
import type { ItemOutcome } from './group-commit';
import { newOrderRow, toIdempotencyRecord, type FirstResponse, type IdempotencyRow, type InsertOrderResult, type NewOrder } from './orders-repo';
import type { OrdersTable } from './schema';

/** One order to write: what OrdersRepo.insertOrder was given, with its time as stored. */
export interface OrderWrite {
  order: NewOrder;
  response: FirstResponse;
  at: string;
}

/** Every column of the orders table, in insert order. */
const ORDER_COLUMNS = [
  'id',
  'idempotency_key_hash',
  'request_fingerprint',
  'state',
  'claimed_at',
  'token_hash',
  'status',
  'serial',
  'email',
  'generation',
  'locale',
  'case_label',
  'code',
  'cancel_reason',
  'response_status',
  'response_sealed',
  'created_at',
  'updated_at',
  'price_amount',
  'price_currency',
  'checkout_session_id',
  'checkout_url',
  'checkout_expires_at',
  'checkout_attempts',
  'payment_intent_id',
  'paid_amount',
  'paid_currency',
  'paid_at',
  'payment_flag',
  'fulfilled_at',
  'refunded_at',
  'redacted_at',
] as const satisfies readonly (keyof OrdersTable)[];

// A column added to OrdersTable must be added above too: this line stops compiling until it is.
type ColumnNotInserted = Exclude<keyof OrdersTable, (typeof ORDER_COLUMNS)[number]>;
const everyColumnInserted: [ColumnNotInserted] extends [never] ? true : ColumnNotInserted = true;
void everyColumnInserted;

const INSERT_ORDER_SQL =
  `insert into orders (${ORDER_COLUMNS.join(', ')}) values (${ORDER_COLUMNS.map((column) => `@${column}`).join(', ')}) ` +
  'on conflict (idempotency_key_hash) do nothing';
const FIND_BY_KEY_SQL = 'select id, state, request_fingerprint, claimed_at, response_status, response_sealed from orders where idempotency_key_hash = ?';

/**
 * Returns the batch function: it writes every order in one IMMEDIATE transaction and returns
 * after COMMIT (synchronous=FULL: after the fsync). Each order runs in a savepoint: one that fails
 * (a constraint, say) is undone alone and reported as its outcome; the others are committed. If
 * SQLite itself rolled the whole transaction back (I/O error, disk full), or COMMIT fails, the
 * function throws and nothing of the batch is stored.
 */
export function prepareOrderBatch(sqlite: Sqlite.Database): (writes: readonly OrderWrite[]) => ItemOutcome<InsertOrderResult>[] {
  const insert = sqlite.prepare<[Record<string, unknown>]>(INSERT_ORDER_SQL);
  const findByKey = sqlite.prepare<[string], IdempotencyRow>(FIND_BY_KEY_SQL);

  const writeOne = sqlite.transaction(({ order, response, at }: OrderWrite): InsertOrderResult => {
    if (insert.run({ ...newOrderRow(order, at, response) }).changes === 1) return { inserted: true };
    // The key exists (from an earlier batch, or earlier in this one): the row it made.
    const existing = findByKey.get(order.keyHash);
    if (!existing) throw new Error('idempotency key conflict without a row');
    return { inserted: false, existing: toIdempotencyRecord(existing) };
  });

  const writeAll = sqlite.transaction((writes: readonly OrderWrite[]) =>
    writes.map((write): ItemOutcome<InsertOrderResult> => {
      try {
        return { ok: true, value: writeOne(write) };
      } catch (error) {
        if (!sqlite.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );
  return (writes) => writeAll.immediate(writes);
}
