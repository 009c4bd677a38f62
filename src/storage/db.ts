// Owns the device database: its name, schema, DB_VERSION and upgrades, the one shared connection, and the typed storage errors.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { RadioCase } from '../domain/case';
import type { OrderRequest, ProblemReport } from '../domain/order';
import type { Price } from '../domain/price';

export type { ProblemReport } from '../domain/order';

export const DB_NAME = 'mini-radio-code';
/**
 * Bump when the schema changes, and append a step to UPGRADES. Never edit or remove a released
 * step: devices that skipped versions run every step in order, from their version to this one.
 */
export const DB_VERSION = 1;

// ── Stored records ───────────────────────────────────────────────────────────────────────────

export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'fulfilled', 'cancelled', 'needsAttention'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
/** States in which the flusher owns the entry and will (re)send it. */
export type PendingState = 'queued' | 'sending';

/** What the server gave back on 201: the only way to ask about the order later. */
export interface ServerOrderRef {
  id: string;
  token: string;
  createdAt: string;
}

interface OutboxBase {
  /** The idempotency key (crypto.randomUUID()). Never reused for a different body. */
  key: string;
  request: OrderRequest;
  caseId?: string;
  createdAt: number;
  updatedAt: number;
  /** Send attempts started so far. */
  attempts: number;
  /** Last retryable failure, for display ("no connection", "server busy"). */
  lastError?: string;
  /** The entry this one replaced after the user fixed a field (editAndRequeue). */
  replaces?: string;
}

export type PendingEntry = OutboxBase & {
  state: PendingState;
  /**
   * Epoch ms when the flusher may try again. Present only on pending entries, so the
   * byNextAttemptAt index holds exactly the work still to do (IndexedDB skips records without the key).
   */
  nextAttemptAt: number;
  /** Server-requested pause (Retry-After): even "send now" waits until then. */
  notBefore?: number;
  sendingSince?: number;
};

type Acknowledged = OutboxBase & { order: ServerOrderRef; sentAt: number };

/**
 * Sent, not yet delivered. `payment` (optional, no schema change) is what the last poll said about
 * payment: due at `price` (the app offers "Pay") or paid (the code is on its way).
 */
export type SentEntry = Acknowledged & { state: 'sent'; lastPolledAt?: number; pollError?: string; payment?: SentPayment };
export type SentPayment = { status: 'due'; price: Price } | { status: 'paid' } | { status: 'withStaff' };
export type FulfilledEntry = Acknowledged & { state: 'fulfilled'; code: string; deliveredAt: number };
/** Cancelled by staff, or (refunded: true) paid and then refunded. */
export type CancelledEntry = Acknowledged & { state: 'cancelled'; reason?: string; cancelledAt: number; refunded?: boolean };
export type NeedsAttentionEntry = OutboxBase & { state: 'needsAttention'; problem: ProblemReport; attentionAt: number };

export type OutboxEntry = PendingEntry | SentEntry | FulfilledEntry | CancelledEntry | NeedsAttentionEntry;

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface AppDbSchema extends DBSchema {
  cases: { key: string; value: RadioCase; indexes: { byUpdatedAt: RadioCase['updatedAt'] } };
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { byState: OutboxState; byNextAttemptAt: number; byCaseId: string };
  };
  settings: { key: string; value: SettingRecord };
}

export type AppDb = IDBPDatabase<AppDbSchema>;
export type AppStoreName = StoreNames<AppDbSchema>;

// ── Upgrades ────────────────────────────────────────────────────────────────────────────────

/**
 * One step per version: UPGRADES[n - 1] takes a database from version n - 1 to n. A step may be
 * async (to rewrite records through `tx`), but must await nothing but requests on `tx`; if it
 * throws, the whole upgrade is aborted and the database stays at its old version, data intact.
 */
// The steps work on a schema that changes over time, so they are typed loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UpgradeStep = (db: IDBPDatabase<any>, tx: IDBPTransaction<any, any, 'versionchange'>) => void | Promise<void>;

const upgradeToV1: UpgradeStep = (db) => {
  const cases = db.createObjectStore('cases', { keyPath: 'id' });
  cases.createIndex('byUpdatedAt', 'updatedAt');
  const outbox = db.createObjectStore('outbox', { keyPath: 'key' });
  outbox.createIndex('byState', 'state');
  outbox.createIndex('byNextAttemptAt', 'nextAttemptAt');
  outbox.createIndex('byCaseId', 'caseId');
  db.createObjectStore('settings', { keyPath: 'key' });
};

export const UPGRADES: readonly UpgradeStep[] = [upgradeToV1];

/** Runs the steps from oldVersion + 1 to newVersion in order; aborts the upgrade on any failure. */
export function runUpgrades(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: IDBPDatabase<any>,
  oldVersion: number,
  newVersion: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tx: IDBPTransaction<any, any, 'versionchange'>,
  steps: readonly UpgradeStep[] = UPGRADES,
): void {
  // An aborted upgrade rejects tx.done; openDB's own promise reports the failure to the caller.
  tx.done.catch(() => undefined);
  const abort = (): void => {
    try {
      tx.abort();
    } catch {
      // already finished or aborting
    }
  };
  // Synchronous steps run inside the upgradeneeded event; an async step's tail stays in the same
  // transaction because it only awaits that transaction's requests.
  let chain: Promise<void> | undefined;
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = steps[version - 1];
    if (!step) {
      abort();
      throw new StorageError(`No upgrade step to version ${version}`);
    }
    if (chain) {
      chain = chain.then(() => step(db, tx));
    } else {
      try {
        const result = step(db, tx);
        if (result) chain = result;
      } catch (err) {
        abort();
        throw err;
      }
    }
  }
  chain?.catch(abort);
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

export class StorageError extends Error {
  override name = 'StorageError';
}

/** The browser refused to store more (QuotaExceededError). The write was rolled back; earlier data is intact. */
export class StorageFullError extends StorageError {
  override name = 'StorageFullError';
}

/** Another tab holds an older version of the database open and does not let go: ask the user to close it. */
export class StorageBlockedError extends StorageError {
  override name = 'StorageBlockedError';
  constructor(
    readonly currentVersion: number,
    readonly requestedVersion: number | null,
  ) {
    super(`Database upgrade from ${currentVersion} to ${requestedVersion ?? '?'} is blocked by another open tab`);
  }
}

/** The database on this device is newer than this code (an old tab after an update): reload. */
export class StorageVersionError extends StorageError {
  override name = 'StorageVersionError';
}

/** No IndexedDB at all (some private modes, very old browsers). */
export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
}

/** Maps what IndexedDB throws to the typed errors above; other errors pass through. */
export function toStorageError(err: unknown): unknown {
  if (err instanceof StorageError) return err;
  const name = errorName(err);
  if (name === 'QuotaExceededError') return new StorageFullError('Device storage is full', { cause: err });
  if (name === 'VersionError') return new StorageVersionError('The saved data is from a newer version of the app', { cause: err });
  // Firefox private windows and corrupted profiles answer UnknownError.
  if (name === 'UnknownError') return new StorageUnavailableError('Device storage is not available', { cause: err });
  return err;
}

function errorName(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') return err.name;
  return undefined;
}

// ── Connection ──────────────────────────────────────────────────────────────────────────────

export interface OpenOptions {
  name?: string;
  version?: number;
  steps?: readonly UpgradeStep[];
  /** Called after this connection closed itself so that another tab can upgrade: tell the user to reload. */
  onVersionChange?: () => void;
  /** Called when the browser closed the connection abnormally (storage cleared, disk error). */
  onTerminated?: () => void;
}

/** Opens a connection, running upgrades. Rejects with StorageBlockedError if an old connection will not close. */
export function openAppDb(options: OpenOptions = {}): Promise<AppDb> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  const steps = options.steps ?? UPGRADES;
  if (!globalThis.indexedDB) return Promise.reject(new StorageUnavailableError('IndexedDB is not available'));
  return new Promise<AppDb>((resolve, reject) => {
    let settled = false;
    openDB<AppDbSchema>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        runUpgrades(db, oldVersion, newVersion ?? version, tx, steps);
      },
      blocked(currentVersion, blockedVersion) {
        if (settled) return;
        settled = true;
        reject(new StorageBlockedError(currentVersion, blockedVersion));
      },
      blocking(_current, _blocked, event) {
        // Close at once so the other tab's upgrade can run; this tab must reload before it writes again.
        (event.target as IDBDatabase).close();
        options.onVersionChange?.();
      },
      terminated() {
        options.onTerminated?.();
      },
    }).then(
      (db) => {
        if (settled) {
          // The caller already got StorageBlockedError; the upgrade has run meanwhile, nothing to keep open.
          db.close();
          return;
        }
        settled = true;
        resolve(db);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        reject(toStorageError(err));
      },
    );
  });
}

let shared: { name: string; db: Promise<AppDb> } | undefined;
let sharedName = DB_NAME;
let versionChangeListener: (() => void) | undefined;

/** The shared connection of this context (page or SW), opened on first use. */
export function getDb(): Promise<AppDb> {
  if (shared) return shared.db;
  const entry = {
    name: sharedName,
    db: openAppDb({
      name: sharedName,
      onVersionChange: () => {
        if (shared === entry) shared = undefined;
        versionChangeListener?.();
      },
      onTerminated: () => {
        if (shared === entry) shared = undefined;
      },
    }),
  };
  entry.db.catch(() => {
    if (shared === entry) shared = undefined;
  });
  shared = entry;
  return entry.db;
}

/** Lets the UI say "the app was updated in another tab — reload" when this tab had to let go of the database. */
export function onDatabaseVersionChange(listener: (() => void) | undefined): void {
  versionChangeListener = listener;
}

/** Closes the shared connection (tests, or before a deliberate reload). */
export async function closeDb(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (!current) return;
  try {
    (await current.db).close();
  } catch {
    // it never opened
  }
}

/** Tests: point the shared connection at a fresh database name. */
export async function useDatabase(name: string): Promise<void> {
  await closeDb();
  sharedName = name;
}

/** Deletes the whole database (tests; a future "erase this device" button). */
export async function deleteAppDb(name: string = sharedName): Promise<void> {
  if (shared?.name === name) await closeDb();
  await deleteDB(name);
}

// ── Transactions ────────────────────────────────────────────────────────────────────────────

export type WriteTx<Names extends AppStoreName[]> = IDBPTransaction<AppDbSchema, Names, 'readwrite'>;
export type ReadTx<Names extends AppStoreName[]> = IDBPTransaction<AppDbSchema, Names, 'readonly'>;

/**
 * One readwrite transaction with strict durability: resolves after the data reached the disk
 * (not just the OS cache). `work` must await only requests of `tx` — never fetch, timers or other
 * promises, or the transaction auto-commits halfway. On any error the transaction is aborted,
 * so either everything in `work` is saved or nothing is.
 */
export async function writeTransaction<Names extends AppStoreName[], T>(
  storeNames: Names,
  work: (tx: WriteTx<Names>) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  let tx: WriteTx<Names>;
  try {
    tx = db.transaction(storeNames, 'readwrite', { durability: 'strict' });
  } catch (err) {
    throw toStorageError(err);
  }
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // already committed or aborting on its own
    }
    await tx.done.catch(() => undefined);
    throw toStorageError(err);
  }
}

export async function readTransaction<Names extends AppStoreName[], T>(
  storeNames: Names,
  work: (tx: ReadTx<Names>) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  try {
    const tx = db.transaction(storeNames, 'readonly');
    // What was read is final once the requests have answered: waiting for the transaction's 'complete' as well
    // would cost one more round trip to the storage backend (the home list reads here at start-up).
    tx.done.catch(() => undefined);
    return await work(tx);
  } catch (err) {
    throw toStorageError(err);
  }
}
