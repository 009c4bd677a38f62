import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../domain/order';
import { SQLITE_FILE, type OpenedDatabase } from './database';
import type { NewOrder } from './orders-repo';
import { randomToken, sha256Hex } from './secrets';
import { createSqliteOrderWriter, type SqliteOrderWriter } from './sqlite-order-writer';
import { openTestDatabase } from './testing';

const request: OrderRequest = { serial: 'BP1234567890', email: 'owner@example.com', generation: 'r55-r59', locale: 'de', caseLabel: 'Clubman' };
const NOW = new Date('2026-03-01T08:00:00.000Z');
const RESPONSE = { status: 201, sealed: 'v1.sealed' };

function newOrder(overrides: Partial<NewOrder> & { serial?: string } = {}): NewOrder {
  const { serial, ...rest } = overrides;
  return { id: randomToken(), keyHash: sha256Hex(randomToken()), fingerprint: 'f1', tokenHash: sha256Hex('token'), request: serial ? { ...request, serial } : request, ...rest };
}

let database: OpenedDatabase & { sqlite: Sqlite.Database };
let writer: SqliteOrderWriter;
/** A second connection to the same file: it sees committed rows only. */
let observer: Sqlite.Database;

beforeEach(async () => {
  const opened = await openTestDatabase('sqlite');
  if (!opened.sqlite) throw new Error('the SQLite test database has no handle');
  database = { ...opened, sqlite: opened.sqlite };
  writer = createSqliteOrderWriter(database.sqlite.name);
  observer = new Sqlite(path.join(path.dirname(database.sqlite.name), SQLITE_FILE), { readonly: true, fileMustExist: true });
});
afterEach(async () => {
  await writer.close();
  observer.close();
  await database.close();
});

const committedStates = (): Array<{ id: string; state: string }> => observer.prepare('select id, state from orders order by id').all() as Array<{ id: string; state: string }>;

describe('SQLite order writer (group commit)', () => {
  it('concurrent orders share one transaction; each is stored complete with its response', async () => {
    const orders = Array.from({ length: 20 }, () => newOrder());
    const results = await Promise.all(orders.map((order) => writer.insertOrder(order, RESPONSE, NOW)));
    expect(results.every((result) => result.inserted)).toBe(true);
    expect(writer.stats()).toEqual({ batches: 1, items: 20, largestBatch: 20 });
    expect(committedStates()).toEqual(orders.map((order) => ({ id: order.id, state: 'complete' })).sort((a, b) => (a.id < b.id ? -1 : 1)));
    const row = observer.prepare('select * from orders where id = ?').get(orders[0]!.id) as Record<string, unknown>;
    expect(row).toMatchObject({
      idempotency_key_hash: orders[0]!.keyHash,
      request_fingerprint: 'f1',
      claimed_at: NOW.toISOString(),
      status: 'received',
      serial: 'BP1234567890',
      email: 'owner@example.com',
      generation: 'r55-r59',
      locale: 'de',
      case_label: 'Clubman',
      code: null,
      response_status: 201,
      response_sealed: 'v1.sealed',
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
    });
  });

  it('answers only after the commit: while a main-thread transaction holds the write lock, nothing is written or answered', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    // As a fulfilment does: a write takes SQLite's write lock until the transaction ends.
    const transaction = database.db.transaction().execute(async (trx) => {
      await trx.updateTable('orders').set({ code: null }).where('id', '=', 'none').execute();
      began();
      await held;
    });
    await begun;

    let answered = false;
    const order = newOrder();
    const insert = writer.insertOrder(order, RESPONSE, NOW).then((result) => ((answered = true), result));
    // Long enough for the worker to have committed, were it not waiting for the lock (busy timeout 5 s).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    expect(committedStates()).toEqual([]);

    release();
    await transaction;
    expect(await insert).toEqual({ inserted: true });
    // The moment it is answered, another connection sees it: the 201 comes after the commit.
    expect(committedStates()).toEqual([{ id: order.id, state: 'complete' }]);
  });

  it('one key twice in one batch: one row, and the second learns the first one’s row', async () => {
    const first = newOrder();
    const second = newOrder({ keyHash: first.keyHash, fingerprint: 'f2' });
    const [a, b] = await Promise.all([writer.insertOrder(first, RESPONSE, NOW), writer.insertOrder(second, { status: 201, sealed: 'other' }, NOW)]);
    expect(writer.stats().batches).toBe(1);
    expect(a).toEqual({ inserted: true });
    expect(b).toEqual({
      inserted: false,
      existing: { id: first.id, state: 'complete', fingerprint: 'f1', claimedAt: NOW.toISOString(), responseStatus: 201, responseSealed: 'v1.sealed' },
    });
    expect(committedStates()).toEqual([{ id: first.id, state: 'complete' }]);
  });

  it('a key used in an earlier batch finds that row', async () => {
    const first = newOrder();
    await writer.insertOrder(first, RESPONSE, NOW);
    const again = await writer.insertOrder(newOrder({ keyHash: first.keyHash }), RESPONSE, NOW);
    expect(again).toMatchObject({ inserted: false, existing: { id: first.id } });
    expect(writer.stats().batches).toBe(2);
  });

  it('an order that fails (a constraint) fails alone: the others of its batch are committed', async () => {
    // RAISE(ABORT) undoes the statement that fired it, as a failing constraint does. (A trigger in the
    // file, not a temp one: the writer has its own connection.)
    database.sqlite.exec("create trigger refuse_one before insert on orders when new.serial = 'REFUSED00000' begin select raise(abort, 'refused'); end");
    const good = [newOrder(), newOrder()];
    const bad = newOrder({ serial: 'REFUSED00000' });
    const outcomes = await Promise.allSettled([writer.insertOrder(good[0]!, RESPONSE, NOW), writer.insertOrder(bad, RESPONSE, NOW), writer.insertOrder(good[1]!, RESPONSE, NOW)]);
    expect(writer.stats().batches).toBe(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/refused/);
    expect(committedStates().map((row) => row.id).sort()).toEqual(good.map((order) => order.id).sort());
  });

  it('when SQLite rolls the whole transaction back, every order of the batch fails and none is stored; the next batch works', async () => {
    // RAISE(ROLLBACK) ends the whole transaction, as an I/O error or a full disk can.
    database.sqlite.exec("create trigger roll_back_all before insert on orders when new.serial = 'ROLLBACK0000' begin select raise(rollback, 'rolled back'); end");
    const batch = [newOrder(), newOrder({ serial: 'ROLLBACK0000' }), newOrder()];
    const outcomes = await Promise.allSettled(batch.map((order) => writer.insertOrder(order, RESPONSE, NOW)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedStates()).toEqual([]);

    const next = newOrder();
    expect(await writer.insertOrder(next, RESPONSE, NOW)).toEqual({ inserted: true });
    expect(committedStates()).toEqual([{ id: next.id, state: 'complete' }]);
  });
});
