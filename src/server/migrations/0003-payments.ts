// Migration 0002: paid orders — wider status and mail-kind checks, price/payment columns, the code table and the webhook event log.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const OLD_STATUS_CHECK = "status in ('received', 'fulfilled', 'cancelled')";
const NEW_STATUS_CHECK = "status in ('awaiting_payment', 'received', 'paid', 'fulfilled', 'cancelled', 'refunded')";
const OLD_KIND_CHECK = "kind in ('code')";
const NEW_KIND_CHECK = "kind in ('code', 'refund')";

/** Which engine runs the migration (a failed probe query would abort PostgreSQL's migration transaction). */
function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * SQLite cannot alter a CHECK constraint: the documented way is a new table with the new
 * definition, a copy, a drop and a rename (https://sqlite.org/lang_altertable.html#otheralter).
 * The new definition is the stored one with the check replaced, so columns added by any other
 * migration survive; indexes are recreated from their stored SQL. Foreign keys are off meanwhile
 * (SQLite migrations run outside a transaction) and checked before they go back on.
 */
async function replaceSqliteCheck(db: Kysely<unknown>, table: string, oldCheck: string, newCheck: string): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string | null }>`select type, sql from sqlite_master where tbl_name = ${table}`.execute(db);
  const definition = rows.find((row) => row.type === 'table')?.sql;
  if (!definition?.includes(oldCheck)) throw new Error(`table ${table} does not have the expected check (${oldCheck})`);
  const indexes = rows.filter((row) => row.type === 'index' && row.sql !== null).map((row) => row.sql as string);
  const rebuilt = `${table}_rebuilt`;
  const createRebuilt = definition.replace(oldCheck, newCheck).replace(/^create table\s+("?)([A-Za-z_]+)\1/i, `create table "${rebuilt}"`);
  await sql.raw(createRebuilt).execute(db);
  await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db);
  for (const index of indexes) await sql.raw(index).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await replaceSqliteCheck(db, 'orders', OLD_STATUS_CHECK, NEW_STATUS_CHECK);
      await replaceSqliteCheck(db, 'mail_outbox', OLD_KIND_CHECK, NEW_KIND_CHECK);
      const { rows } = await sql`pragma foreign_key_check`.execute(db);
      if (rows.length > 0) throw new Error('foreign key check failed after rebuilding tables');
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  } else {
    // Column checks are named <table>_<column>_check by PostgreSQL.
    await sql.raw(`alter table orders drop constraint orders_status_check, add constraint orders_status_check check (${NEW_STATUS_CHECK})`).execute(db);
    await sql.raw(`alter table mail_outbox drop constraint mail_outbox_kind_check, add constraint mail_outbox_kind_check check (${NEW_KIND_CHECK})`).execute(db);
  }

  const orderColumns: Array<[string, 'text' | 'integer']> = [
    ['price_amount', 'integer'],
    ['price_currency', 'text'],
    ['checkout_session_id', 'text'],
    ['checkout_url', 'text'],
    ['checkout_expires_at', 'text'],
    ['checkout_attempts', 'integer'],
    ['payment_intent_id', 'text'],
    ['paid_amount', 'integer'],
    ['paid_currency', 'text'],
    ['paid_at', 'text'],
    ['payment_flag', 'text'],
    ['fulfilled_at', 'text'],
    ['refunded_at', 'text'],
    ['redacted_at', 'text'],
  ];
  for (const [name, type] of orderColumns) await db.schema.alterTable('orders').addColumn(name, type).execute();
  await db.schema.createIndex('orders_payment_intent_idx').on('orders').column('payment_intent_id').execute();

  await db.schema
    .createTable('code_table')
    .addColumn('serial', 'text', (col) => col.primaryKey())
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('payment_events')
    .addColumn('event_id', 'text', (col) => col.primaryKey())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('order_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('received_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('payment_events_intent_idx').on('payment_events').columns(['payment_intent_id', 'type']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payment_events').execute();
  await db.schema.dropTable('code_table').execute();
}
