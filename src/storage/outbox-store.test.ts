import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeDelivered, orderPlaced } from '../domain/case-orders';
import { applyEvent, createCase, type RadioCase } from '../domain/case';
import type { OrderReceipt, OrderRequest } from '../domain/order';
import { getCase, putCase } from './cases-store';
import { closeDb, useDatabase } from './db';
import {
  OutboxStateError,
  deferPending,
  deleteCaseWithUnsentOrders,
  discardOrder,
  editAndRequeue,
  enqueueOrder,
  expediteOrders,
  findNextAttemptAt,
  getOrder,
  listOrders,
  markNeedsAttention,
  markRetry,
  markSending,
  markSent,
  recordStatus,
  rescheduleBeyond,
  restoreCaseWithOrders,
  subscribeOutbox,
  takeDueEntries,
} from './outbox-store';

const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
const receipt: OrderReceipt = { id: 'order-1', token: 'token-1', status: 'received', createdAt: '2025-01-01T00:00:00.000Z' };

beforeEach(async () => {
  await useDatabase(`outbox-test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeDb();
});

/** A case whose machine has reached the order step (generation, CODE shown, no code, serial typed). */
async function caseAtOrderStep(id: string): Promise<RadioCase> {
  let c = createCase({ id, label: 'Workshop car', now: 1, generation: 'r55-r59' });
  for (const event of [
    { type: 'display.reported', message: 'CODE' },
    { type: 'code.unknown' },
    { type: 'serial.entered', serial: 'BP123456789012' },
  ] as const) {
    c = applyEvent(c, event, 2).case;
  }
  expect(c.machine.value).toBe('order');
  await putCase(c);
  return c;
}

describe('enqueueOrder', () => {
  it('writes a queued entry under a fresh UUID and links the case in the same transaction', async () => {
    await caseAtOrderStep('car');
    const entry = await enqueueOrder({ request, caseId: 'car', caseChange: orderPlaced, now: 10 });
    expect(entry.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: 10, caseId: 'car' });
    const linked = await getCase('car');
    expect(linked?.orderKey).toBe(entry.key);
    expect(linked?.machine.value).toBe('awaitingCode');
    const second = await enqueueOrder({ request, now: 11 });
    expect(second.key).not.toBe(entry.key);
  });

  it('announces the change to listeners', async () => {
    const heard = vi.fn();
    const stop = subscribeOutbox(heard);
    const entry = await enqueueOrder({ request, now: 1 });
    stop();
    expect(heard).toHaveBeenCalledWith([entry.key]);
  });
});

describe('state moves', () => {
  it('takes only due pending entries, and an entry left in sending stays due', async () => {
    const a = await enqueueOrder({ request, now: 1 });
    const b = await enqueueOrder({ request, now: 2 });
    await markSending(b.key, 3);
    await markRetry(b.key, 100, 'network', { now: 3 });
    expect((await takeDueEntries(50)).map((e) => e.key)).toEqual([a.key]);
    const sending = await markSending(a.key, 50);
    expect(sending?.state).toBe('sending');
    expect(sending?.attempts).toBe(1);
    // The context died here: the next flush must see it again.
    expect((await takeDueEntries(51)).map((e) => e.key)).toEqual([a.key]);
    expect(await findNextAttemptAt()).toBe(1);
  });

  it('does not claim an entry that is not yet due or no longer pending', async () => {
    const a = await enqueueOrder({ request, now: 10 });
    expect(await markSending(a.key, 9)).toBeUndefined();
    await markSending(a.key, 10);
    await markSent(a.key, receipt, 11);
    expect(await markSending(a.key, 12)).toBeUndefined();
  });

  it('never moves a sent entry backwards (a late retry or problem from a second flusher is ignored)', async () => {
    const a = await enqueueOrder({ request, now: 1 });
    await markSending(a.key, 1);
    const sent = await markSent(a.key, receipt, 2);
    expect(sent).toMatchObject({ state: 'sent', order: { id: 'order-1', token: 'token-1' }, sentAt: 2 });
    expect(sent && 'nextAttemptAt' in sent).toBe(false);
    expect(await markRetry(a.key, 99, 'conflict', { now: 3 })).toBeUndefined();
    expect(await markNeedsAttention(a.key, { status: 400, problems: [] }, 3)).toBeUndefined();
    expect(await markSent(a.key, { ...receipt, id: 'other' }, 4)).toBeUndefined();
    expect(await getOrder(a.key)).toMatchObject({ state: 'sent', order: { id: 'order-1' } });
    expect(await findNextAttemptAt()).toBeUndefined();
  });

  it('"send now" skips backoff but not a server-requested pause', async () => {
    const a = await enqueueOrder({ request, now: 0 });
    const b = await enqueueOrder({ request, now: 0 });
    await markSending(a.key, 0);
    await markRetry(a.key, 60_000, 'network', { now: 0 });
    await markSending(b.key, 0);
    await markRetry(b.key, 120_000, 'rateLimited', { now: 0, notBefore: 30_000 });
    expect(await expediteOrders(1_000)).toBe(2);
    expect((await getOrder(a.key)) as { nextAttemptAt: number }).toMatchObject({ nextAttemptAt: 1_000 });
    expect((await getOrder(b.key)) as { nextAttemptAt: number }).toMatchObject({ nextAttemptAt: 30_000 });
  });
});

describe('deferPending (the service said 429 to another order)', () => {
  it('moves due pending entries to the given time without counting an attempt; leaves later, sent and refused ones', async () => {
    const due = await enqueueOrder({ request, now: 10 });
    const crashed = await enqueueOrder({ request, now: 10 });
    await markSending(crashed.key, 20); // a crash left it in 'sending'
    const later = await enqueueOrder({ request, now: 10 });
    await markRetry(later.key, 90_000, 'server', { now: 20 });
    const sent = await enqueueOrder({ request, now: 10 });
    await markSending(sent.key, 20);
    await markSent(sent.key, receipt, 30);

    const moved = await deferPending([due.key, crashed.key, later.key, sent.key], 60_030, { now: 30, lastError: 'rateLimited', notBefore: 60_030 });
    expect(moved.sort()).toEqual([due.key, crashed.key].sort());
    expect(await getOrder(due.key)).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: 60_030, notBefore: 60_030, lastError: 'rateLimited' });
    expect(await getOrder(crashed.key)).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: 60_030, notBefore: 60_030 });
    expect(await getOrder(later.key)).toMatchObject({ nextAttemptAt: 90_000, lastError: 'server' });
    expect((await getOrder(sent.key))?.state).toBe('sent');
    // Still editable: it was never sent, so a new key cannot order twice.
    await expect(editAndRequeue(due.key, request, 40)).resolves.toMatchObject({ state: 'queued' });
  });
});

describe('rescheduleBeyond (the device clock was set back)', () => {
  const HOUR = 3_600_000;
  it('makes pending entries due now when their time lies beyond the horizon, and forgets such a pause', async () => {
    const now = 1_000 * HOUR;
    // Queued while the clock was two days ahead: due "then", which is two days from now.
    const queuedAhead = await enqueueOrder({ request, now: now + 48 * HOUR });
    const pausedAhead = await enqueueOrder({ request, now });
    await markSending(pausedAhead.key, now);
    await markRetry(pausedAhead.key, now + 50 * HOUR, 'rateLimited', { now: now + 49 * HOUR, notBefore: now + 50 * HOUR });
    // A real Retry-After within the policy's reach is kept, pause and all.
    const paused = await enqueueOrder({ request, now });
    await markSending(paused.key, now);
    await markRetry(paused.key, now + HOUR, 'rateLimited', { now, notBefore: now + HOUR });

    const moved = await rescheduleBeyond(now, 2 * HOUR);
    expect(moved.sort()).toEqual([queuedAhead.key, pausedAhead.key].sort());
    expect(await getOrder(queuedAhead.key)).toMatchObject({ state: 'queued', nextAttemptAt: now, attempts: 0 });
    const healed = await getOrder(pausedAhead.key);
    expect(healed).toMatchObject({ state: 'queued', nextAttemptAt: now, attempts: 1, lastError: 'rateLimited' });
    expect(healed && 'notBefore' in healed).toBe(false);
    expect(await getOrder(paused.key)).toMatchObject({ nextAttemptAt: now + HOUR, notBefore: now + HOUR });
    expect((await takeDueEntries(now)).map((e) => e.key).sort()).toEqual([queuedAhead.key, pausedAhead.key].sort());
    expect(await findNextAttemptAt()).toBe(now);
  });

  it('a pause alone beyond the horizon (after "send now") is forgotten too', async () => {
    const now = 1_000 * HOUR;
    const entry = await enqueueOrder({ request, now });
    await markSending(entry.key, now);
    await markRetry(entry.key, now + 1, 'rateLimited', { now, notBefore: now + 30 * HOUR });
    expect(await rescheduleBeyond(now, 2 * HOUR)).toEqual([entry.key]);
    const healed = await getOrder(entry.key);
    expect(healed).toMatchObject({ nextAttemptAt: now + 1 });
    expect(healed && 'notBefore' in healed).toBe(false);
  });
});

describe('recordStatus', () => {
  it('stores a delivered code on the entry and on the case, and moves the case to code entry', async () => {
    await caseAtOrderStep('car');
    const entry = await enqueueOrder({ request, caseId: 'car', caseChange: orderPlaced, now: 1 });
    await markSending(entry.key, 1);
    await markSent(entry.key, receipt, 2);
    const result = await recordStatus(entry.key, { id: 'order-1', status: 'fulfilled', code: '1234', updatedAt: 'x' }, 3, codeDelivered);
    expect(result?.changed).toBe(true);
    expect(await getOrder(entry.key)).toMatchObject({ state: 'fulfilled', code: '1234', deliveredAt: 3 });
    const c = await getCase('car');
    expect(c?.deliveredCode).toBe('1234');
    expect(c?.machine.value).toBe('enterCode');
    // A second poll changes nothing.
    expect((await recordStatus(entry.key, { id: 'order-1', status: 'fulfilled', code: '1234', updatedAt: 'x' }, 4, codeDelivered))?.changed).toBe(false);
  });

  it('records a cancellation with its reason, and keeps a malformed code out', async () => {
    const a = await enqueueOrder({ request, now: 1 });
    await markSending(a.key, 1);
    await markSent(a.key, receipt, 2);
    await recordStatus(a.key, { id: 'order-1', status: 'fulfilled', code: 'abc', updatedAt: 'x' }, 3, codeDelivered);
    expect(await getOrder(a.key)).toMatchObject({ state: 'sent', pollError: 'code.format' });
    await recordStatus(a.key, { id: 'order-1', status: 'cancelled', reason: 'Serial unreadable', updatedAt: 'x' }, 4, codeDelivered);
    expect(await getOrder(a.key)).toMatchObject({ state: 'cancelled', reason: 'Serial unreadable' });
  });
});

describe('editAndRequeue', () => {
  it('after a 400 replaces the entry under a NEW key and relinks the case, atomically', async () => {
    await caseAtOrderStep('car');
    const first = await enqueueOrder({ request, caseId: 'car', caseChange: orderPlaced, now: 1 });
    await markSending(first.key, 1);
    await markNeedsAttention(first.key, { status: 400, problems: [{ field: 'email', code: 'email.invalid' }] }, 2);
    const fixed = await editAndRequeue(first.key, { ...request, email: 'fixed@example.com' }, 3);
    expect(fixed.key).not.toBe(first.key);
    expect(fixed).toMatchObject({ state: 'queued', attempts: 0, replaces: first.key, caseId: 'car' });
    expect(await getOrder(first.key)).toBeUndefined();
    const c = await getCase('car');
    expect(c?.orderKey).toBe(fixed.key);
    expect(c?.machine.orderKey).toBe(fixed.key);
    expect((await listOrders()).map((o) => o.key)).toEqual([fixed.key]);
  });

  it('refuses to edit an order that may already be stored on the server', async () => {
    const a = await enqueueOrder({ request, now: 1 });
    await markSending(a.key, 1);
    await expect(editAndRequeue(a.key, request, 2)).rejects.toBeInstanceOf(OutboxStateError);
    await markRetry(a.key, 5, 'network', { now: 2 });
    await expect(editAndRequeue(a.key, request, 2)).rejects.toBeInstanceOf(OutboxStateError);
    await expect(discardOrder(a.key, 2)).rejects.toBeInstanceOf(OutboxStateError);
    expect(await getOrder(a.key)).toBeDefined();
  });

  it('refuses to edit an order refused as keyReused: an order exists under its key, a new key would order twice', async () => {
    const entry = await enqueueOrder({ request, now: 1 });
    await markSending(entry.key, 2);
    await markNeedsAttention(entry.key, { status: 422, code: 'idempotency.keyReused', problems: [] }, 3);
    await expect(editAndRequeue(entry.key, request, 4)).rejects.toBeInstanceOf(OutboxStateError);
    expect((await getOrder(entry.key))?.state).toBe('needsAttention');
  });

  it('lets a never-sent order be edited', async () => {
    const a = await enqueueOrder({ request, now: 1 });
    const b = await editAndRequeue(a.key, { ...request, serial: 'BP999999999999' }, 2);
    expect((await listOrders()).map((o) => o.key)).toEqual([b.key]);
  });
});

describe('deleting a car', () => {
  it('withdraws its order that never left the phone, and Undo brings case and order back as they were', async () => {
    await caseAtOrderStep('car');
    const entry = await enqueueOrder({ request, caseId: 'car', caseChange: orderPlaced, now: 10 });
    const linked = (await getCase('car')) as RadioCase;

    const withdrawn = await deleteCaseWithUnsentOrders('car');
    expect(withdrawn.map((e) => e.key)).toEqual([entry.key]);
    expect(await getCase('car')).toBeUndefined();
    expect(await listOrders()).toEqual([]);
    expect(await takeDueEntries(1_000)).toEqual([]);

    await restoreCaseWithOrders(linked, withdrawn);
    expect(await getCase('car')).toEqual(linked);
    expect(await getOrder(entry.key)).toEqual(entry);
    expect((await takeDueEntries(1_000)).map((e) => e.key)).toEqual([entry.key]);
  });

  it('keeps an order that was tried once (the server may have it) and orders of other cars', async () => {
    await caseAtOrderStep('car');
    await caseAtOrderStep('other');
    const tried = await enqueueOrder({ request, caseId: 'car', caseChange: orderPlaced, now: 10 });
    const others = await enqueueOrder({ request, caseId: 'other', caseChange: orderPlaced, now: 10 });
    await markSending(tried.key, 20);
    await markRetry(tried.key, 30, 'network');

    expect(await deleteCaseWithUnsentOrders('car')).toEqual([]);
    expect(await getCase('car')).toBeUndefined();
    expect((await listOrders()).map((e) => e.key).sort()).toEqual([tried.key, others.key].sort());
  });
});
