// Device storage under faults: quota errors the way browsers report them, a blocked upgrade, and a database the released version wrote — nothing saved is ever lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeDelivered, orderPlaced } from '../domain/case-orders';
import { createCase, type RadioCase } from '../domain/case';
import type { OrderRequest } from '../domain/order';
import { createTestApp, type TestApp } from '../server/testing';
import { flushOutbox } from '../sync/flush-outbox';
import { getCase, listCases, putCase } from './cases-store';
import { DB_VERSION, StorageBlockedError, StorageFullError, UPGRADES, closeDb, getDb, openAppDb, useDatabase, type OutboxEntry } from './db';
import { editAndRequeue, enqueueOrder, getOrder, listOrders, listOrdersByState, markSending, markSent, recordStatus, takeDueEntries } from './outbox-store';
import { getSettings } from './settings-store';
import { writeVersion1Database } from './test-support/version1-database';

const request: OrderRequest = { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' };
let dbName = '';

beforeEach(async () => {
  dbName = `storage-faults-${crypto.randomUUID()}`;
  await useDatabase(dbName);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeDb();
});

// ── Quota ───────────────────────────────────────────────────────────────────────────────────

type RawStore = { _rawObjectStore: { storeRecord?: unknown } };
type RawTransaction = { _start(): void; _requests: unknown[]; _state: string; _abort(name: string): void };

/**
 * The next write to the outbox hits a full disk, the way browsers report it: on the request (Firefox;
 * Chrome for a large value), whose error then aborts the transaction, or at commit (Chrome checks
 * quota when the transaction commits): every request succeeded, then the transaction aborts.
 * Simulated inside fake-indexeddb, so the error arrives asynchronously as in a browser; a synchronous
 * throw (what a plain spy on put() gives) is covered in db.test.ts.
 */
function quotaOnNextOutboxWrite(where: 'request' | 'commit'): void {
  let armed = true;
  const wrap = (method: typeof IDBObjectStore.prototype.add) =>
    function (this: IDBObjectStore, ...args: Parameters<typeof method>): IDBRequest<IDBValidKey> {
      if (!armed || this.name !== 'outbox') return method.apply(this, args);
      armed = false;
      if (where === 'commit') {
        const tx = this.transaction as unknown as RawTransaction;
        const start = tx._start.bind(tx);
        // The engine calls _start once per request; a call with nothing left to do is the commit.
        tx._start = () => {
          if (tx._requests.length === 0 && tx._state !== 'finished') tx._abort('QuotaExceededError');
          else start();
        };
        return method.apply(this, args);
      }
      // The store's own write step throws QuotaExceededError when the transaction runs the request.
      const raw = (this as unknown as RawStore)._rawObjectStore;
      raw.storeRecord = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      try {
        return method.apply(this, args);
      } finally {
        delete raw.storeRecord;
      }
    };
  const add = wrap(IDBObjectStore.prototype.add);
  const put = wrap(IDBObjectStore.prototype.put);
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(add);
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(put);
}

async function caseAtOrderStep(id: string): Promise<RadioCase> {
  const c = createCase({ id, label: 'Workshop car', now: 1, generation: 'r55-r59' });
  await putCase(c);
  return c;
}

describe('device storage full (QuotaExceededError)', () => {
  it.each(['request', 'commit'] as const)('during enqueue (reported on the %s): StorageFullError, the pending orders already stored are kept', async (where) => {
    const car = await caseAtOrderStep('car');
    const stored = [await enqueueOrder({ request, now: 10 }), await enqueueOrder({ request: { ...request, locale: 'de' }, now: 11 }), await enqueueOrder({ request, caseId: 'other', caseChange: orderPlaced, now: 12 })];
    const sending = await markSending(stored[2]!.key, 20);
    const before = await listOrders();
    expect(before).toHaveLength(3);

    quotaOnNextOutboxWrite(where);
    const failure = enqueueOrder({ request: { ...request, serial: 'BP999999999999' }, caseId: 'car', caseChange: orderPlaced, now: 30 });
    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    const error = (await failure.catch((e: unknown) => e)) as StorageFullError;
    expect(error.message).toMatch(/storage is full/i);
    expect((error.cause as DOMException).name).toBe('QuotaExceededError');
    vi.restoreAllMocks();

    // Nothing stored before was touched, the new order left no half (no entry, no link on the case).
    expect(await listOrders()).toEqual(before);
    expect(await getCase('car')).toEqual(car);
    expect((await takeDueEntries(100)).map((e) => e.key).sort()).toEqual(stored.map((e) => e.key).sort());
    expect(await getOrder(stored[2]!.key)).toEqual(sending);

    // Once there is room again, the same order can be queued.
    const retried = await enqueueOrder({ request: { ...request, serial: 'BP999999999999' }, caseId: 'car', caseChange: orderPlaced, now: 40 });
    expect(await listOrders()).toHaveLength(4);
    expect((await getCase('car'))?.orderKey).toBe(retried.key);
  });

  it('when the 201 cannot be recorded, the entry stays pending under its key, so the retry gets the same order back', async () => {
    const entry = await enqueueOrder({ request, now: 10 });
    await markSending(entry.key, 20);
    quotaOnNextOutboxWrite('commit');
    await expect(markSent(entry.key, { id: 'srv-1', token: 'tok-1', status: 'received', createdAt: '2026-01-01T00:00:00.000Z' }, 30)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    const kept = await getOrder(entry.key);
    expect(kept).toMatchObject({ key: entry.key, state: 'sending', request });
    expect((await takeDueEntries(40)).map((e) => e.key)).toEqual([entry.key]);
  });
});

// ── What the released version wrote ─────────────────────────────────────────────────────────

/**
 * Records exactly as version 1 of the app stored them, frozen as literals (made once by that version
 * through its own code paths): cases in several machine states with timers, a delivered code and an
 * archived one; an outbox entry in every state, including one a crash left in 'sending'.
 * Frozen on purpose — never regenerate them from today's code.
 */
const T = 1_795_165_200_000; // 2026-11-20T09:00:00Z
const V1_CASES = [
  {
    id: 'case-safe',
    label: 'Blue R56 (Anna)',
    generation: 'r55-r59',
    machine: { generation: 'r55-r59', unit: null, attempts: 0, code: null, serial: null, orderKey: null, since: T + 1000, value: 'safeWait', timer: { kind: 'safeWait', startedAt: T + 1000, endsAt: T + 3_601_000 }, over: false },
    createdAt: T,
    updatedAt: T + 1000,
  },
  {
    id: 'case-awaiting',
    label: 'Workshop bay 3',
    generation: 'r55-r59',
    machine: { generation: 'r55-r59', unit: null, attempts: 0, code: null, serial: 'BP123456789012', orderKey: '6f1c2b1e-9a55-4d0e-8a3e-2f0d8f7c1a01', since: T + 2000, value: 'awaitingCode' },
    createdAt: T,
    updatedAt: T + 2000,
    serial: 'BP123456789012',
    orderKey: '6f1c2b1e-9a55-4d0e-8a3e-2f0d8f7c1a01',
  },
  {
    id: 'case-lockout',
    label: 'R50 Cooper',
    generation: 'r50-r53',
    machine: { generation: 'r50-r53', unit: null, attempts: 3, code: '1234', serial: null, orderKey: null, since: T + 3000, value: 'lockout', timer: { kind: 'lockout', startedAt: T + 3000, endsAt: T + 3_603_000 }, cause: 'attempts' },
    createdAt: T,
    updatedAt: T + 3000,
  },
  {
    id: 'case-delivered',
    label: 'F56 trade-in',
    generation: 'f55-f57',
    machine: { generation: 'f55-f57', unit: null, attempts: 0, code: '24135', serial: 'CQJC1234567', orderKey: '0b7d3c55-1f7e-4e1a-9f3b-5c7a2d9e8b02', since: T + 4000, value: 'enterCode', attemptsLeft: 3, lastAttempt: false },
    createdAt: T,
    updatedAt: T + 4000,
    serial: 'CQJC1234567',
    orderKey: '0b7d3c55-1f7e-4e1a-9f3b-5c7a2d9e8b02',
    deliveredCode: '24135',
  },
  {
    id: 'case-archived',
    label: 'Old job',
    generation: null,
    machine: { generation: null, unit: null, attempts: 0, code: null, serial: null, orderKey: null, since: T - 86_400_000, value: 'identify' },
    createdAt: T - 86_400_000,
    updatedAt: T - 86_400_000,
    archivedAt: T - 3_600_000,
  },
];

const V1_REQUEST = { serial: 'BP123456789012', email: 'anna@example.com', generation: 'r55-r59', locale: 'de', caseLabel: 'Workshop bay 3' };
const V1_OUTBOX = [
  // Sent on a previous visit, then the tab was closed between 'sending' and the answer.
  { key: '6f1c2b1e-9a55-4d0e-8a3e-2f0d8f7c1a01', request: V1_REQUEST, caseId: 'case-awaiting', state: 'sending', createdAt: T + 2000, updatedAt: T + 5000, attempts: 1, nextAttemptAt: T + 5000, sendingSince: T + 5000 },
  { key: 'a3d0e6c4-7b1f-4c2a-9e5d-111111111111', request: { serial: 'WMW12345678', email: 'b@example.com', generation: 'r60-r61', locale: 'en' }, state: 'queued', createdAt: T + 6000, updatedAt: T + 6000, attempts: 0, nextAttemptAt: T + 6000 },
  {
    key: 'a3d0e6c4-7b1f-4c2a-9e5d-222222222222',
    request: { serial: 'CQJC7654321', email: 'c@example.com', generation: 'f54-f60', locale: 'fr' },
    state: 'queued',
    createdAt: T + 7000,
    updatedAt: T + 9000,
    attempts: 2,
    nextAttemptAt: T + 39_000,
    notBefore: T + 39_000,
    lastError: 'rateLimited',
  },
  {
    key: '0b7d3c55-1f7e-4e1a-9f3b-5c7a2d9e8b02',
    request: { serial: 'CQJC1234567', email: 'd@example.com', generation: 'f55-f57', locale: 'en', caseLabel: 'F56 trade-in' },
    caseId: 'case-delivered',
    state: 'fulfilled',
    createdAt: T + 3000,
    updatedAt: T + 4000,
    attempts: 1,
    order: { id: 'Hk2n7Qb0aZrT5mXv1LwYcA', token: 'q9Vf3JdK8sPz0WnE6uRtBg', createdAt: '2026-11-20T09:00:03.100Z' },
    sentAt: T + 3100,
    code: '24135',
    deliveredAt: T + 4000,
  },
  {
    key: 'a3d0e6c4-7b1f-4c2a-9e5d-333333333333',
    request: { serial: 'BP555555555555', email: 'e@example.com', generation: 'r55-r59', locale: 'en' },
    state: 'sent',
    createdAt: T + 8000,
    updatedAt: T + 8100,
    attempts: 1,
    order: { id: 'Zx8c7V6b5N4m3L2k1J0hGg', token: 'Pp0Oo9Ii8Uu7Yy6Tt5Rr4E', createdAt: '2026-11-20T09:00:08.050Z' },
    sentAt: T + 8100,
    lastPolledAt: T + 60_000,
    pollError: 'network',
  },
  {
    key: 'a3d0e6c4-7b1f-4c2a-9e5d-444444444444',
    request: { serial: 'BP666666666666', email: 'f@example.com', generation: 'r50-r53', locale: 'it' },
    state: 'cancelled',
    createdAt: T + 8200,
    updatedAt: T + 9200,
    attempts: 1,
    order: { id: 'Cc3Vv4Bb5Nn6Mm7Qq8Ww9A', token: 'Ee1Rr2Tt3Yy4Uu5Ii6Oo7P', createdAt: '2026-11-20T09:00:08.300Z' },
    sentAt: T + 8300,
    reason: 'Duplicate order',
    cancelledAt: T + 9200,
  },
  {
    key: 'a3d0e6c4-7b1f-4c2a-9e5d-555555555555',
    request: { serial: 'BP777777', email: 'g@example.com', generation: 'f54-f60', locale: 'nl' },
    state: 'needsAttention',
    createdAt: T + 8400,
    updatedAt: T + 8500,
    attempts: 1,
    problem: { status: 400, type: '/problems/validation', title: 'Invalid request', detail: 'One or more fields are invalid; see errors.', problems: [{ field: 'serial', code: 'serial.tooShort' }] },
    attentionAt: T + 8500,
  },
];
const V1_SETTINGS = [
  { key: 'language', value: 'de' },
  { key: 'theme', value: 'dark' },
  { key: 'notifications', value: 'enabled' },
  { key: 'persistRequested', value: true },
];

/** Version 1 on disk, as that release left it (raw IndexedDB calls only, through the shared test helper). */
function writeReleasedDatabase(name: string): Promise<void> {
  return writeVersion1Database(name, { cases: V1_CASES, outbox: V1_OUTBOX, settings: V1_SETTINGS });
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);

describe('a database written by the released version, opened by this code', () => {
  it('keeps every case, order and setting, record for record', async () => {
    await writeReleasedDatabase(dbName);
    expect((await getDb()).version).toBe(DB_VERSION);
    expect([...(await listOrders())].sort(byKey)).toEqual([...V1_OUTBOX].sort(byKey));
    for (const record of V1_CASES) expect(await getCase(record.id)).toEqual(record);
    expect((await listCases()).map((c) => c.id)).toEqual(['case-delivered', 'case-lockout', 'case-awaiting', 'case-safe']);
    expect((await listCases({ includeArchived: true })).map((c) => c.id)).toContain('case-archived');
    expect(await getSettings()).toMatchObject({ language: 'de', theme: 'dark', notifications: 'enabled', persistRequested: true, sound: true });
    for (const state of ['queued', 'sending', 'sent', 'fulfilled', 'cancelled', 'needsAttention'] as const) {
      expect((await listOrdersByState(state)).map((e) => e.key), state).toEqual(V1_OUTBOX.filter((e) => e.state === state).map((e) => e.key).sort());
    }
  });

  it('sends its pending orders under their original keys, polls the sent one and lets the refused one be fixed', async () => {
    await writeReleasedDatabase(dbName);
    let server: TestApp | undefined;
    try {
      server = await createTestApp({ engine: 'sqlite', config: { rateLimits: { orders: { capacity: 100, refillPerMinute: 100 } } } });
      const app = server.app;
      const keysSeen: string[] = [];
      const now = T + 120_000;
      const summary = await flushOutbox({
        now: () => now,
        random: () => 0.5,
        baseUrl: 'http://orders.test',
        fetch: async (input, init) => {
          const { signal: _signal, ...rest } = init ?? {};
          const req = new Request(new URL(String(input), 'http://orders.test'), rest);
          keysSeen.push(req.headers.get('idempotency-key') ?? '');
          return app.fetch(req);
        },
      });
      // The one left 'sending' by the old version and the due queued one go out; the rate-limited one waits for its notBefore.
      expect(summary).toMatchObject({ attempted: 3, sent: 3 });
      expect(keysSeen.sort()).toEqual(['6f1c2b1e-9a55-4d0e-8a3e-2f0d8f7c1a01', 'a3d0e6c4-7b1f-4c2a-9e5d-111111111111', 'a3d0e6c4-7b1f-4c2a-9e5d-222222222222'].sort());
      const sent = await getOrder('6f1c2b1e-9a55-4d0e-8a3e-2f0d8f7c1a01');
      expect(sent).toMatchObject({ state: 'sent', caseId: 'case-awaiting', request: V1_REQUEST });
      const list = (await (await app.request('/api/admin/orders?limit=10', { headers: { Authorization: `Bearer ${server.adminToken}` } })).json()) as { orders: Array<{ caseLabel?: string; email: string }> };
      expect(list.orders.map((o) => o.email).sort()).toEqual(['anna@example.com', 'b@example.com', 'c@example.com']);
    } finally {
      await server?.close();
    }

    // The old 'sent' entry takes a delivered code onto... nothing (no case), the linked one onto its case.
    const fulfilled = await recordStatus('6f1c2b1e-9a55-4d0e-8a3e-2f0d8f7c1a01', { id: 'x', status: 'fulfilled', code: '1357', updatedAt: '' }, T + 200_000, codeDelivered);
    expect(fulfilled?.radioCase).toMatchObject({ id: 'case-awaiting', deliveredCode: '1357' });
    expect((await recordStatus('a3d0e6c4-7b1f-4c2a-9e5d-333333333333', { id: 'y', status: 'cancelled', reason: 'No such serial', updatedAt: '' }, T + 200_000, codeDelivered))?.entry).toMatchObject({ state: 'cancelled', reason: 'No such serial' });

    const fixed = await editAndRequeue('a3d0e6c4-7b1f-4c2a-9e5d-555555555555', { ...V1_OUTBOX[6]!.request, serial: 'BP777777777777' } as OrderRequest, T + 300_000);
    expect(fixed).toMatchObject({ state: 'queued', replaces: 'a3d0e6c4-7b1f-4c2a-9e5d-555555555555' });
    // Every order the old version had is still accounted for: 7 entries, the refused one replaced by its fix.
    const keys = (await listOrders()).map((e) => e.key);
    expect(keys).toHaveLength(7);
    expect(keys).toContain(fixed.key);
  });
});

// ── Blocked upgrade ─────────────────────────────────────────────────────────────────────────

describe('an upgrade blocked by a tab of the old version that will not close', () => {
  it('gives StorageBlockedError with a clear message; what the old tab writes meanwhile survives the upgrade', async () => {
    await writeReleasedDatabase(dbName);
    // The old tab: version 1, and no versionchange handler (an old release that never lets go).
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(dbName, 1);
      open.addEventListener('success', () => resolve(open.result));
      open.addEventListener('error', () => reject(open.error));
    });
    const nextVersion = DB_VERSION + 1;
    const steps = [...UPGRADES, () => undefined];

    const blocked = openAppDb({ name: dbName, version: nextVersion, steps });
    await expect(blocked).rejects.toBeInstanceOf(StorageBlockedError);
    const error = (await blocked.catch((e: unknown) => e)) as StorageBlockedError;
    expect(error.message).toMatch(/blocked by another open tab/);
    expect([error.currentVersion, error.requestedVersion]).toEqual([DB_VERSION, nextVersion]);

    // The old tab keeps working while blocked: its user queues one more order.
    const lateOrder: OutboxEntry = { key: 'late-order-written-while-blocked', request, state: 'queued', createdAt: T + 10_000, updatedAt: T + 10_000, attempts: 0, nextAttemptAt: T + 10_000 };
    const tx = oldTab.transaction('outbox', 'readwrite');
    tx.objectStore('outbox').add(lateOrder);
    await new Promise<void>((resolve, reject) => {
      tx.addEventListener('complete', () => resolve());
      tx.addEventListener('abort', () => reject(tx.error));
    });
    oldTab.close();

    // The new version opens once the old tab is gone, with everything: the old records and the late order.
    const upgraded = await openAppDb({ name: dbName, version: nextVersion, steps });
    try {
      expect(upgraded.version).toBe(nextVersion);
      expect((await upgraded.getAll('outbox')).sort(byKey)).toEqual([...V1_OUTBOX, lateOrder].sort(byKey));
      expect((await upgraded.getAll('cases')).length).toBe(V1_CASES.length);
      expect(await upgraded.getAll('settings')).toHaveLength(V1_SETTINGS.length);
    } finally {
      upgraded.close();
    }
  });
});
