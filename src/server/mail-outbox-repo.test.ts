import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from './database';
import { createMailOutboxRepo, type MailOutboxRepo } from './mail-outbox-repo';
import { createOrdersRepo, type OrdersRepo } from './orders-repo';
import { randomToken, sha256Hex } from './secrets';
import { openTestDatabase, postgresSuitePlan, type TestEngine } from './testing';

// SQLite always; PostgreSQL when TEST_DATABASE_URL is set (orders-repo.test.ts fails CI without it).
const engines: TestEngine[] = postgresSuitePlan().run ? ['sqlite', 'postgres'] : ['sqlite'];

const T0 = new Date('2026-03-01T08:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

describe.each(engines)('mail outbox on %s', (engine) => {
  let database: OpenedDatabase;
  let repo: OrdersRepo;
  let outbox: MailOutboxRepo;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    repo = createOrdersRepo(database.db, database.dialect);
    outbox = createMailOutboxRepo(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  async function fulfilledOrder(): Promise<string> {
    const id = randomToken();
    const tokenHash = sha256Hex('token');
    const request = { serial: 'AP1234567890', email: 'owner@example.com', generation: 'r50-r53', locale: 'fr', caseLabel: 'Cooper S' } as const;
    await repo.insertPending({ id, keyHash: sha256Hex(randomToken()), fingerprint: 'f', tokenHash, request }, T0);
    await repo.completePending(id, tokenHash, { status: 201, sealed: 's' }, T0);
    await repo.fulfil(id, '1234', T0, { queueMail: true });
    return id;
  }

  it('claims one entry with a lease, retries on schedule, records sent', async () => {
    const orderId = await fulfilledOrder();
    const claimed = await outbox.claimNext(T0, 60_000);
    expect(claimed).toEqual({
      id: expect.any(String),
      kind: 'code',
      orderId,
      leaseId: expect.any(String),
      generation: 'r50-r53',
      attempts: 1,
      email: 'owner@example.com',
      locale: 'fr',
      serial: 'AP1234567890',
      code: '1234',
      caseLabel: 'Cooper S',
    });
    // Leased: a second sender finds nothing until the lease ends.
    expect(await outbox.claimNext(later(1), 60_000)).toBeUndefined();
    expect(await outbox.nextDueAt()).toBe(later(60_000).toISOString());

    expect(await outbox.markFailed(claimed!.id, claimed!.leaseId, 'ECONNREFUSED', later(5_000), false)).toBe(true);
    expect(await outbox.claimNext(later(4_999), 60_000)).toBeUndefined();
    const retry = await outbox.claimNext(later(5_000), 60_000);
    expect(retry?.attempts).toBe(2);
    expect(retry?.leaseId).not.toBe(claimed!.leaseId);
    expect(await outbox.markSent(retry!.id, retry!.leaseId, later(6_000))).toBe(true);
    expect(await outbox.list()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, sentAt: later(6_000).toISOString() })]);
    expect(await outbox.nextDueAt()).toBeUndefined();
  });

  it('a sender whose lease ran out writes nothing: the new holder decides the outcome', async () => {
    await fulfilledOrder();
    const slow = await outbox.claimNext(T0, 60_000);
    // The slow sender's lease ends; another instance claims the entry.
    const other = await outbox.claimNext(later(60_000), 60_000);
    expect(other?.id).toBe(slow!.id);
    expect(await outbox.markSent(slow!.id, slow!.leaseId, later(61_000))).toBe(false);
    expect(await outbox.markFailed(slow!.id, slow!.leaseId, 'ETIMEDOUT', later(90_000), true)).toBe(false);
    expect(await outbox.renewLease(slow!.id, slow!.leaseId, later(200_000))).toBe(false);
    expect(await outbox.list()).toEqual([expect.objectContaining({ status: 'pending', attempts: 2, nextAttemptAt: later(120_000).toISOString() })]);
    expect(await outbox.markSent(other!.id, other!.leaseId, later(62_000))).toBe(true);
    expect(await outbox.list()).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('renewing the lease keeps other senders away while a send is slow', async () => {
    await fulfilledOrder();
    const claimed = await outbox.claimNext(T0, 60_000);
    expect(await outbox.renewLease(claimed!.id, claimed!.leaseId, later(110_000))).toBe(true);
    expect(await outbox.claimNext(later(60_000), 60_000)).toBeUndefined();
    expect(await outbox.claimNext(later(110_000), 60_000)).toBeDefined();
  });

  it('two senders never claim the same entry', async () => {
    for (let i = 0; i < 5; i += 1) await fulfilledOrder();
    const claimAll = async (): Promise<string[]> => {
      const ids: string[] = [];
      for (let mail = await outbox.claimNext(T0, 60_000); mail; mail = await outbox.claimNext(T0, 60_000)) ids.push(mail.id);
      return ids;
    };
    const [a, b] = await Promise.all([claimAll(), claimAll()]);
    const ids = [...a, ...b];
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });
});
