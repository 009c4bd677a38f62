import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { orderPlaced } from '../domain/case-orders';
import { createCase } from '../domain/case';
import type { OrderRequest } from '../domain/order';
import { getCase, listCases, putCase } from './cases-store';
import {
  DB_VERSION,
  StorageBlockedError,
  StorageFullError,
  UPGRADES,
  closeDb,
  getDb,
  onDatabaseVersionChange,
  openAppDb,
  toStorageError,
  useDatabase,
  type UpgradeStep,
} from './db';
import { enqueueOrder, getOrder, listOrders, takeDueEntries } from './outbox-store';
import { getSettings, updateSettings } from './settings-store';
import { writeVersion1Database } from './test-support/version1-database';

const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
let dbName = '';

beforeEach(async () => {
  dbName = `db-test-${crypto.randomUUID()}`;
  await useDatabase(dbName);
});
afterEach(async () => {
  vi.restoreAllMocks();
  onDatabaseVersionChange(undefined);
  await closeDb();
});

/** What a device that ran version 1 has on disk (written with raw IndexedDB by the shared test helper). */
function writeVersion1Data(name: string): Promise<void> {
  return writeVersion1Database(name, {
    cases: Array.from({ length: 5 }, (_, i) => createCase({ id: `case-${i}`, label: `Car ${i}`, now: 1_000 + i })),
    outbox: [
      { key: 'k-queued', request, state: 'queued', createdAt: 1, updatedAt: 1, attempts: 0, nextAttemptAt: 5, caseId: 'case-0' },
      { key: 'k-sent', request, state: 'sent', createdAt: 2, updatedAt: 2, attempts: 1, order: { id: 'o1', token: 't1', createdAt: '2025-01-01T00:00:00Z' }, sentAt: 2 },
    ],
    settings: [{ key: 'language', value: 'de' }],
  });
}

/** What a real v2 step looks like: a new index plus a rewrite of every record, through the upgrade transaction only. */
const toV2: UpgradeStep = async (_db, tx) => {
  const outbox = tx.objectStore('outbox');
  outbox.createIndex('byCreatedAt', 'createdAt');
  for (let cursor = await outbox.openCursor(); cursor; cursor = await cursor.continue()) {
    await cursor.update({ ...cursor.value, migrated: true });
  }
};

const broken: UpgradeStep = async (_db, tx) => {
  await tx.objectStore('cases').clear();
  throw new Error('bug in migration');
};

describe('upgrades', () => {
  it('opens a database written by version 1 with every case, order and setting intact', async () => {
    await writeVersion1Data(dbName);
    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect((await listCases()).map((c) => c.id).sort()).toEqual(['case-0', 'case-1', 'case-2', 'case-3', 'case-4']);
    expect((await listOrders()).map((o) => o.key).sort()).toEqual(['k-queued', 'k-sent']);
    expect((await takeDueEntries(10)).map((o) => o.key)).toEqual(['k-queued']);
    expect((await getSettings()).language).toBe('de');
  });

  it('runs a later step over version 1 data and keeps every record (the shape a v2 upgrade must take)', async () => {
    await writeVersion1Data(dbName);
    await closeDb();
    const db = await openAppDb({ name: dbName, version: 2, steps: [...UPGRADES, toV2] });
    expect(db.version).toBe(2);
    const orders = await db.getAll('outbox');
    expect(orders).toHaveLength(2);
    expect(orders.every((o) => (o as unknown as { migrated: boolean }).migrated)).toBe(true);
    expect(await db.count('cases')).toBe(5);
    expect(await db.count('settings')).toBe(1);
    db.close();
  });

  it('rolls the whole upgrade back when a step fails, leaving version 1 and its data', async () => {
    await writeVersion1Data(dbName);
    await closeDb();
    await expect(openAppDb({ name: dbName, version: 2, steps: [...UPGRADES, broken] })).rejects.toThrow();
    const db = await openAppDb({ name: dbName, version: 1 });
    expect(db.version).toBe(1);
    expect(await db.count('cases')).toBe(5);
    db.close();
  });

  it('reports StorageBlockedError when an old connection will not close, and loses nothing', async () => {
    await writeVersion1Data(dbName);
    const stubborn = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open(dbName, 1);
      open.addEventListener('success', () => resolve(open.result)); // no versionchange handler: an old app version
    });
    const pending = openAppDb({ name: dbName, version: 2, steps: [...UPGRADES, () => undefined] });
    await expect(pending).rejects.toBeInstanceOf(StorageBlockedError);
    stubborn.close();
    // Once the old tab lets go, the upgrade runs; everything written before is still there.
    const db = await openAppDb({ name: dbName, version: 2, steps: [...UPGRADES, () => undefined] });
    expect(await db.count('cases')).toBe(5);
    expect(await db.count('outbox')).toBe(2);
    db.close();
  });

  it('closes its own connection when another tab upgrades, and tells the UI', async () => {
    await putCase(createCase({ id: 'a', label: 'A', now: 1 }));
    const heard = vi.fn();
    onDatabaseVersionChange(heard);
    const newer = await openAppDb({ name: dbName, version: 2, steps: [...UPGRADES, () => undefined] });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(newer.version).toBe(2);
    expect(await newer.get('cases', 'a')).toBeDefined();
    newer.close();
  });
});

describe('durability and errors', () => {
  it('opens every write transaction with strict durability', async () => {
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await putCase(createCase({ id: 'a', label: 'A', now: 1 }));
    await enqueueOrder({ request, caseId: 'a', caseChange: orderPlaced, now: 2 });
    await updateSettings({ theme: 'dark' });
    const writes = spy.mock.calls.filter((call) => call[1] === 'readwrite');
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const call of writes) expect(call[2]).toEqual({ durability: 'strict' });
  });

  it('maps QuotaExceededError to StorageFullError and keeps what was saved before', async () => {
    await putCase(createCase({ id: 'kept', label: 'Kept', now: 1 }));
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(putCase(createCase({ id: 'new', label: 'New', now: 2 }))).rejects.toBeInstanceOf(StorageFullError);
    full.mockRestore();
    expect(await getCase('kept')).toMatchObject({ id: 'kept', label: 'Kept' });
    expect(await getCase('new')).toBeUndefined();
  });

  it('rolls back the case update when the outbox write of an enqueue hits the quota', async () => {
    const before = createCase({ id: 'car', label: 'Car', now: 1 });
    await putCase(before);
    const full = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(enqueueOrder({ request, caseId: 'car', caseChange: orderPlaced, now: 5 })).rejects.toBeInstanceOf(StorageFullError);
    full.mockRestore();
    expect(await getCase('car')).toEqual(before);
    expect(await listOrders()).toEqual([]);
  });

  it('maps a QuotaExceededError that aborts the transaction as well', () => {
    expect(toStorageError(new DOMException('x', 'QuotaExceededError'))).toBeInstanceOf(StorageFullError);
    const other = new DOMException('x', 'ConstraintError');
    expect(toStorageError(other)).toBe(other);
  });

  it('keeps an order readable by key after enqueue', async () => {
    const entry = await enqueueOrder({ request, now: 1 });
    expect(await getOrder(entry.key)).toEqual(entry);
  });
});
