import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../domain/order';
import type { OpenedDatabase } from './database';
import { createMailOutboxRepo } from './mail-outbox-repo';
import { createOrdersRepo, type NewOrder, type OrdersRepo } from './orders-repo';
import { randomToken, sha256Hex } from './secrets';
import { createSqliteOrderWriter, type SqliteOrderWriter } from './sqlite-order-writer';
import { openTestDatabase, postgresSuitePlan, type TestEngine } from './testing';

// The repository runs on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
// In CI a missing PostgreSQL is a failure, never a silent skip.
const plan = postgresSuitePlan();
const engines: TestEngine[] = plan.run ? ['sqlite', 'postgres'] : ['sqlite'];
if (!plan.run) {
  if (plan.mustFail) {
    describe('orders repo on postgres', () => {
      it('needs TEST_DATABASE_URL in CI', () => {
        throw new Error(`PostgreSQL suite cannot run in CI: ${plan.reason}`);
      });
    });
  } else {
    console.warn(`orders-repo: skipping the PostgreSQL run: ${plan.reason}`);
  }
}

const request: OrderRequest = { serial: 'AP123456789012', email: 'owner@example.com', generation: 'r50-r53', locale: 'fr', caseLabel: 'Cooper S' };

function newOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return { id: randomToken(), keyHash: sha256Hex(randomToken()), fingerprint: 'f1', tokenHash: sha256Hex('token'), request, ...overrides };
}

const T0 = new Date('2026-03-01T08:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

describe.each(engines)('orders repo on %s', (engine) => {
  let database: OpenedDatabase;
  let repo: OrdersRepo;
  let writer: SqliteOrderWriter | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    // As main.ts builds it: on SQLite, new orders go through the group-commit writer.
    writer = database.sqlite && createSqliteOrderWriter(database.sqlite.name);
    repo = createOrdersRepo(database.db, database.dialect, writer);
  });
  afterEach(async () => {
    await writer?.close();
    await database.close();
  });

  async function placed(overrides: Partial<NewOrder> = {}): Promise<NewOrder> {
    const order = newOrder(overrides);
    expect(await repo.insertOrder(order, { status: 201, sealed: 'sealed' }, T0)).toEqual({ inserted: true });
    return order;
  }

  it('reports its dialect and answers ping', async () => {
    expect(repo.dialect).toBe(engine);
    await expect(repo.ping()).resolves.toBeUndefined();
  });

  it('insertOrder: one write makes the order visible, complete with its stored response', async () => {
    const order = newOrder();
    expect(await repo.insertOrder(order, { status: 201, sealed: 'sealed-response' }, T0)).toEqual({ inserted: true });
    expect(await repo.findOrder(order.id)).toEqual({
      id: order.id,
      status: 'received',
      tokenHash: order.tokenHash,
      serial: 'AP123456789012',
      email: 'owner@example.com',
      generation: 'r50-r53',
      locale: 'fr',
      caseLabel: 'Cooper S',
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(await repo.findIdempotencyRecord(order.keyHash)).toEqual({
      id: order.id,
      state: 'complete',
      fingerprint: 'f1',
      claimedAt: T0.toISOString(),
      responseStatus: 201,
      responseSealed: 'sealed-response',
    });
  });

  it('insertOrder: concurrent inserts with one key make one row; the others get that row', async () => {
    const keyHash = sha256Hex(randomToken());
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => repo.insertOrder(newOrder({ keyHash, fingerprint: `f${n}` }), { status: 201, sealed: `s${n}` }, T0)));
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    const existing = new Set(results.map((r) => (r.inserted ? undefined : r.existing.id)).filter(Boolean));
    expect(existing.size).toBe(1);
    expect(await repo.listOrders({ limit: 10 })).toHaveLength(1);
  });

  it('two-step insert (rows of the earlier write): pending rows are invisible until completed', async () => {
    const order = newOrder();
    expect(await repo.insertPending(order, T0)).toEqual({ inserted: true });
    expect(await repo.findOrder(order.id)).toBeUndefined();
    expect(await repo.listOrders({ limit: 10 })).toEqual([]);
    expect(await repo.findIdempotencyRecord(order.keyHash)).toEqual({ id: order.id, state: 'pending', fingerprint: 'f1', claimedAt: T0.toISOString() });

    expect(await repo.completePending(order.id, order.tokenHash, { status: 201, sealed: 'sealed-response' }, later(5))).toBe(true);
    expect(await repo.findOrder(order.id)).toEqual({
      id: order.id,
      status: 'received',
      tokenHash: order.tokenHash,
      serial: 'AP123456789012',
      email: 'owner@example.com',
      generation: 'r50-r53',
      locale: 'fr',
      caseLabel: 'Cooper S',
      createdAt: T0.toISOString(),
      updatedAt: later(5).toISOString(),
    });
    expect(await repo.findIdempotencyRecord(order.keyHash)).toMatchObject({ state: 'complete', responseStatus: 201, responseSealed: 'sealed-response' });
    expect(await repo.completePending(order.id, order.tokenHash, { status: 201, sealed: 'again' }, T0)).toBe(false);
    expect(await repo.findIdempotencyRecord(order.keyHash)).toMatchObject({ responseSealed: 'sealed-response' });
  });

  it('one key, one order: a second insert returns the existing record', async () => {
    const first = await placed({ fingerprint: 'same' });
    const second = await repo.insertPending(newOrder({ keyHash: first.keyHash, fingerprint: 'other' }), T0);
    expect(second).toEqual({ inserted: false, existing: expect.objectContaining({ id: first.id, state: 'complete', fingerprint: 'same' }) });
    expect(await repo.listOrders({ limit: 10 })).toHaveLength(1);
  });

  it('concurrent inserts with one key: exactly one wins, on separate connections', async () => {
    const keyHash = sha256Hex(randomToken());
    const results = await Promise.all(Array.from({ length: 10 }, () => repo.insertPending(newOrder({ keyHash }), T0)));
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    const ids = new Set(results.map((r) => (r.inserted ? 'winner' : r.existing.id)));
    expect(ids.size).toBe(2);
    const count = await database.db.selectFrom('orders').select(database.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('reclaims a stale pending row once (compare-and-set on claimed_at)', async () => {
    const order = newOrder();
    await repo.insertPending(order, T0);
    const claims = await Promise.all([
      repo.reclaimStalePending(order.keyHash, T0.toISOString(), sha256Hex('new-1'), later(70_000)),
      repo.reclaimStalePending(order.keyHash, T0.toISOString(), sha256Hex('new-2'), later(70_000)),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repo.reclaimStalePending(order.keyHash, 'stale', sha256Hex('x'), later(1))).toBe(false);
    const winner = claims[0] ? sha256Hex('new-1') : sha256Hex('new-2');
    expect(await repo.completePending(order.id, winner, { status: 201, sealed: 's' }, later(70_001))).toBe(true);
    expect((await repo.findOrder(order.id))?.createdAt).toBe(later(70_000).toISOString());
  });

  it('the attempt whose row was taken over cannot complete it: the order keeps the token hash of the attempt that answers', async () => {
    const order = newOrder({ tokenHash: sha256Hex('first-attempt-token') });
    await repo.insertPending(order, T0);
    // The first attempt stalls past the timeout; a retry takes the row over with its own token.
    expect(await repo.reclaimStalePending(order.keyHash, T0.toISOString(), sha256Hex('retry-token'), later(70_000))).toBe(true);
    // The stalled attempt wakes up: refused, and nothing of its response is stored.
    expect(await repo.completePending(order.id, sha256Hex('first-attempt-token'), { status: 201, sealed: 'stale' }, later(70_001))).toBe(false);
    expect(await repo.findIdempotencyRecord(order.keyHash)).toMatchObject({ state: 'pending' });
    expect(await repo.completePending(order.id, sha256Hex('retry-token'), { status: 201, sealed: 'winner' }, later(70_002))).toBe(true);
    expect((await repo.findOrder(order.id))?.tokenHash).toBe(sha256Hex('retry-token'));
    expect(await repo.findIdempotencyRecord(order.keyHash)).toMatchObject({ state: 'complete', responseSealed: 'winner' });
  });

  it('lists by status, oldest first, with a limit', async () => {
    const a = await placed();
    const b = await placed();
    const c = await placed();
    await repo.fulfil(b.id, '1234', later(1), { queueMail: false });
    const received = await repo.listOrders({ status: 'received', limit: 10 });
    expect(received.map((o) => o.id).sort()).toEqual([a.id, c.id].sort());
    expect(await repo.listOrders({ status: 'fulfilled', limit: 10 })).toEqual([expect.objectContaining({ id: b.id, code: '1234' })]);
    expect(await repo.listOrders({ limit: 2 })).toHaveLength(2);
  });

  it('fulfil: received → fulfilled once; same code again unchanged; another code or a cancelled order conflict', async () => {
    const order = await placed();
    expect(await repo.fulfil('nope', '1234', T0, { queueMail: false })).toEqual({ kind: 'notFound' });
    const done = await repo.fulfil(order.id, '1234', later(10), { queueMail: false });
    expect(done).toMatchObject({ kind: 'changed', order: { status: 'fulfilled', code: '1234', updatedAt: later(10).toISOString() } });
    expect(await repo.fulfil(order.id, '1234', later(20), { queueMail: false })).toMatchObject({ kind: 'unchanged' });
    expect(await repo.fulfil(order.id, '9999', later(20), { queueMail: false })).toMatchObject({ kind: 'conflict', order: { code: '1234' } });

    const other = await placed();
    await repo.cancel(other.id, 'duplicate', T0);
    expect(await repo.fulfil(other.id, '1234', T0, { queueMail: false })).toMatchObject({ kind: 'conflict', order: { status: 'cancelled' } });
  });

  it('concurrent fulfilments with different codes: one wins, the others conflict', async () => {
    const order = await placed();
    const results = await Promise.all(['1111', '2222', '3333', '4444'].map((code) => repo.fulfil(order.id, code, T0, { queueMail: true })));
    expect(results.filter((r) => r.kind === 'changed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'conflict')).toHaveLength(3);
    expect(await createMailOutboxRepo(database.db).list()).toHaveLength(1);
  });

  it('fulfil with queueMail writes the outbox entry in the same transaction', async () => {
    const order = await placed();
    const outbox = createMailOutboxRepo(database.db);
    await repo.fulfil(order.id, '1234', T0, { queueMail: true });
    expect(await outbox.list()).toEqual([
      { id: expect.any(String), kind: 'code', orderId: order.id, status: 'pending', attempts: 0, nextAttemptAt: T0.toISOString() },
    ]);

    // If the outbox write fails, the fulfilment is rolled back with it (no code without its mail).
    const other = await placed();
    await database.db.schema.dropTable('mail_outbox').execute();
    await expect(repo.fulfil(other.id, '5678', T0, { queueMail: true })).rejects.toThrow();
    expect((await repo.findOrder(other.id))?.status).toBe('received');
  });

  it('cancel: received → cancelled with reason; repeat unchanged; fulfilled conflicts', async () => {
    const order = await placed();
    expect(await repo.cancel(order.id, 'not a MINI', later(1))).toMatchObject({ kind: 'changed', order: { status: 'cancelled', cancelReason: 'not a MINI' } });
    expect(await repo.cancel(order.id, 'other', later(2))).toMatchObject({ kind: 'unchanged', order: { cancelReason: 'not a MINI' } });
    expect(await repo.cancel('nope', 'x', T0)).toEqual({ kind: 'notFound' });
    const fulfilled = await placed();
    await repo.fulfil(fulfilled.id, '1234', T0, { queueMail: false });
    expect(await repo.cancel(fulfilled.id, 'x', T0)).toMatchObject({ kind: 'conflict' });
  });
});
