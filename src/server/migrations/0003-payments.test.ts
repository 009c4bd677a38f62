// Upgrade: a database written by release 1 (migration 0001 only, with orders and mails in it) moves to the payment schema with nothing lost (SQLite, and PostgreSQL with TEST_DATABASE_URL).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../database';
import { randomToken } from '../secrets';
import type { DatabaseDialect, DatabaseSchema } from '../schema';
import { postgresSuitePlan, testDatabaseUrl } from '../testing';
import { migrateToLatest, MIGRATIONS } from './migrations';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh, empty database (no migrations run). */
async function emptyDatabase(engine: DatabaseDialect): Promise<OpenedDatabase> {
  if (engine === 'sqlite') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'orders-upgrade-'));
    const opened = openDatabase({ dataDir });
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    cleanups.push(() => opened.close());
    return opened;
  }
  const url = testDatabaseUrl()!;
  const schema = `upgrade_${randomToken().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const opened = openDatabase({ dataDir: '', databaseUrl: url, pgSchema: schema });
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    await dropper.query(`drop schema if exists ${schema} cascade`);
    await dropper.end();
  });
  cleanups.push(() => opened.close());
  return opened;
}

/** What release 1 ran: migration 0001 only. */
async function migrateAsRelease1(db: Kysely<DatabaseSchema>, engine: DatabaseDialect): Promise<void> {
  let migrationTableSchema: string | undefined;
  if (engine === 'postgres') migrationTableSchema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ '0001-orders': MIGRATIONS['0001-orders']! }) },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** Rows as release 1 wrote them (raw SQL: the release-1 columns only). */
async function writeRelease1Rows(db: Kysely<DatabaseSchema>): Promise<void> {
  const at = '2026-11-01T10:00:00.000Z';
  for (const [id, status, code, reason] of [
    ['order-received', 'received', null, null],
    ['order-fulfilled', 'fulfilled', '1234', null],
    ['order-cancelled', 'cancelled', null, 'not a MINI'],
  ] as const) {
    await sql`insert into orders (id, idempotency_key_hash, request_fingerprint, state, claimed_at, token_hash, status, serial, email, generation, locale, case_label, code, cancel_reason, response_status, response_sealed, created_at, updated_at)
      values (${id}, ${`key-${id}`}, 'fp', 'complete', ${at}, 'hash', ${status}, 'BP1234567890', 'owner@example.com', 'r55-r59', 'de', 'Cooper', ${code}, ${reason}, 201, 'sealed', ${at}, ${at})`.execute(db);
  }
  await sql`insert into mail_outbox (id, order_id, kind, status, attempts, next_attempt_at, last_error, created_at, sent_at)
    values ('mail-1', 'order-fulfilled', 'code', 'sent', 1, ${at}, null, ${at}, ${at})`.execute(db);
}

const plan = postgresSuitePlan();
const engines: DatabaseDialect[] = plan.run ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('migration 0003-payments on %s', (engine) => {
  it('moves a release-1 database forward: rows, mails, indexes and constraints intact; the new states and mail kind accepted', async () => {
    const { db } = await emptyDatabase(engine);
    await migrateAsRelease1(db, engine);
    await writeRelease1Rows(db);

    const results = await migrateToLatest(db, engine);
    expect(results.map((r) => [r.migrationName, r.status])).toEqual([['0002-prod-shared-state', 'Success'], ['0003-payments', 'Success']]);

    const orders = await db.selectFrom('orders').selectAll().orderBy('id').execute();
    expect(orders.map((o) => [o.id, o.status, o.code, o.cancel_reason, o.serial, o.email, o.price_amount, o.checkout_session_id])).toEqual([
      ['order-cancelled', 'cancelled', null, 'not a MINI', 'BP1234567890', 'owner@example.com', null, null],
      ['order-fulfilled', 'fulfilled', '1234', null, 'BP1234567890', 'owner@example.com', null, null],
      ['order-received', 'received', null, null, 'BP1234567890', 'owner@example.com', null, null],
    ]);
    expect(await db.selectFrom('mail_outbox').select(['id', 'order_id', 'kind', 'status']).execute()).toEqual([{ id: 'mail-1', order_id: 'order-fulfilled', kind: 'code', status: 'sent' }]);

    // The wider checks accept the new values and still refuse nonsense.
    await db.updateTable('orders').set({ status: 'awaiting_payment' }).where('id', '=', 'order-received').execute();
    await db.updateTable('orders').set({ status: 'refunded' }).where('id', '=', 'order-received').execute();
    await expect(sql`update orders set status = 'lost' where id = 'order-received'`.execute(db)).rejects.toThrow();
    await sql`insert into mail_outbox (id, order_id, kind, status, attempts, next_attempt_at, created_at) values ('mail-2', 'order-received', 'refund', 'pending', 0, 'x', 'x')`.execute(db);
    await expect(sql`insert into mail_outbox (id, order_id, kind, status, attempts, next_attempt_at, created_at) values ('mail-3', 'order-received', 'spam', 'pending', 0, 'x', 'x')`.execute(db)).rejects.toThrow();
    // Still one mail of a kind per order, and still no mail for an order that does not exist.
    await expect(sql`insert into mail_outbox (id, order_id, kind, status, attempts, next_attempt_at, created_at) values ('mail-4', 'order-received', 'refund', 'pending', 0, 'x', 'x')`.execute(db)).rejects.toThrow();
    await expect(sql`insert into mail_outbox (id, order_id, kind, status, attempts, next_attempt_at, created_at) values ('mail-5', 'no-such-order', 'code', 'pending', 0, 'x', 'x')`.execute(db)).rejects.toThrow();
    // The idempotency key is still unique.
    await expect(sql`update orders set idempotency_key_hash = 'key-order-fulfilled' where id = 'order-cancelled'`.execute(db)).rejects.toThrow();

    if (engine === 'sqlite') {
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in ('orders', 'mail_outbox') and sql is not null order by name`.execute(db);
      expect(indexes.rows.map((r) => r.name)).toEqual(['mail_outbox_due_idx', 'orders_payment_intent_idx', 'orders_status_created_idx']);
    }
    expect(await migrateToLatest(db, engine)).toEqual([]);
  });
});
