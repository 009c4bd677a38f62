// New orders on SQLite: prepared statements, and one IMMEDIATE transaction (one fsync) for all orders that arrive together.
import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { createGroupCommit, type GroupCommitStats, type ItemOutcome } from './group-commit';
import { newOrderRow, toIdempotencyRecord, type FirstResponse, type IdempotencyRow, type InsertOrderResult, type NewOrder } from './orders-repo';
import type { DatabaseSchema, OrdersTable } from './schema';

export interface SqliteOrderWriter {
  /** Same contract as OrdersRepo.insertOrder: resolves once the transaction holding the order is committed. */
  insertOrder(order: NewOrder, response: FirstResponse, now: Date): Promise<InsertOrderResult>;
  /** Resolves once no batch is queued or being committed. */
  idle(): Promise<void>;
  stats(): GroupCommitStats;
}

export interface SqliteOrderWriterOptions {
  /** At 50 concurrent clients a batch holds about 50 orders; the cap only bounds a burst. */
  maxBatchSize?: number;
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
] as const satisfies readonly (keyof OrdersTable)[];

// A column added to OrdersTable must be added above too: this line stops compiling until it is.
type ColumnNotInserted = Exclude<keyof OrdersTable, (typeof ORDER_COLUMNS)[number]>;
const everyColumnInserted: [ColumnNotInserted] extends [never] ? true : ColumnNotInserted = true;
void everyColumnInserted;

const INSERT_ORDER_SQL =
  `insert into orders (${ORDER_COLUMNS.join(', ')}) values (${ORDER_COLUMNS.map((column) => `@${column}`).join(', ')}) ` +
  'on conflict (idempotency_key_hash) do nothing';
const FIND_BY_KEY_SQL = 'select id, state, request_fingerprint, claimed_at, response_status, response_sealed from orders where idempotency_key_hash = ?';

interface OrderWrite {
  order: NewOrder;
  response: FirstResponse;
  at: string;
}

interface Statements {
  writeAll: Sqlite.Transaction<(writes: readonly OrderWrite[]) => ItemOutcome<InsertOrderResult>[]>;
}

/**
 * Each order runs in a savepoint of the batch transaction: one that fails (a constraint, say) is
 * undone alone and its request gets the error; the others are committed. If SQLite itself rolled
 * the whole transaction back (I/O error, disk full), or the COMMIT fails, the batch fails as a whole.
 */
function prepare(sqlite: Sqlite.Database): Statements {
  const insert = sqlite.prepare<[Record<string, unknown>]>(INSERT_ORDER_SQL);
  const findByKey = sqlite.prepare<[string], IdempotencyRow>(FIND_BY_KEY_SQL);

  const writeOne = sqlite.transaction(({ order, response, at }: OrderWrite): InsertOrderResult => {
    const row: Record<string, unknown> = { ...newOrderRow(order, at, response) };
    if (insert.run(row).changes === 1) return { inserted: true };
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
  return { writeAll };
}

/**
 * `db` must be the Kysely instance on the same better-sqlite3 handle: a batch holds Kysely's
 * connection lock, so it never runs inside a transaction Kysely has open (fulfil, migrations).
 */
export function createSqliteOrderWriter(db: Kysely<DatabaseSchema>, sqlite: Sqlite.Database, options: SqliteOrderWriterOptions = {}): SqliteOrderWriter {
  // Prepared on first use: the table exists only once the migrations ran.
  let statements: Statements | undefined;
  const group = createGroupCommit<OrderWrite, InsertOrderResult>({
    maxBatchSize: options.maxBatchSize ?? 256,
    commitBatch: (writes) =>
      db.connection().execute(async () => {
        statements ??= prepare(sqlite);
        return statements.writeAll.immediate(writes);
      }),
  });
  return {
    insertOrder: (order, response, now) => group.submit({ order, response, at: now.toISOString() }),
    idle: () => group.idle(),
    stats: () => group.stats(),
  };
}
