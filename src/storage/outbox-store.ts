// Owns the order outbox: every state change of a queued order, each one strict transaction, never a deletion before the server answered.
import type { RadioCase } from '../domain/case';
import type { CaseChange } from '../domain/case-orders';
import { isValidCode } from '../domain/diagnosis-machine';
import { reportsExistingOrder, type OrderReceipt, type OrderRequest, type OrderStatusReport } from '../domain/order';
import { publishChange, subscribeChanges } from './change-feed';
import {
  readTransaction,
  writeTransaction,
  type CancelledEntry,
  type FulfilledEntry,
  type NeedsAttentionEntry,
  type OutboxEntry,
  type PendingEntry,
  type ProblemReport,
  type SentEntry,
  type SentPayment,
  type WriteTx,
} from './db';

export type {
  CancelledEntry,
  FulfilledEntry,
  NeedsAttentionEntry,
  OutboxEntry,
  OutboxState,
  PendingEntry,
  ProblemReport,
  SentEntry,
  SentPayment,
  ServerOrderRef,
} from './db';

/** What a status report says about payment, for a sent order ('received' orders carry none). */
export function paymentOf(report: OrderStatusReport): SentPayment | undefined {
  if (report.status === 'paid') return { status: 'paid' };
  if (report.status !== 'awaiting_payment') return undefined;
  return report.price ? { status: 'due', price: report.price } : { status: 'withStaff' };
}

function samePayment(a: SentPayment | undefined, b: SentPayment | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A user action that the entry's state does not allow (editing an order the server may already have). */
export class OutboxStateError extends Error {
  override name = 'OutboxStateError';
  constructor(
    readonly key: string,
    readonly state: OutboxEntry['state'] | 'missing',
    action: string,
  ) {
    super(`Cannot ${action} order ${key} in state ${state}`);
  }
}

function announce(keys: string[]): void {
  if (keys.length > 0) publishChange('outbox', { type: 'OUTBOX_CHANGED', keys });
}

export function isPending(entry: OutboxEntry): entry is PendingEntry {
  return entry.state === 'queued' || entry.state === 'sending';
}

/** Fields every state keeps; state-specific fields are rebuilt on each move so none goes stale (nextAttemptAt above all). */
function baseOf(entry: OutboxEntry, now: number) {
  const base = {
    key: entry.key,
    request: entry.request,
    createdAt: entry.createdAt,
    updatedAt: Math.max(now, entry.updatedAt),
    attempts: entry.attempts,
  } as Pick<OutboxEntry, 'key' | 'request' | 'createdAt' | 'updatedAt' | 'attempts' | 'caseId' | 'lastError' | 'replaces'>;
  if (entry.caseId !== undefined) base.caseId = entry.caseId;
  if (entry.replaces !== undefined) base.replaces = entry.replaces;
  return base;
}

type OutboxAndCases = WriteTx<['outbox', 'cases']>;

/** Stores the caller's change of a case in the caller's transaction; false when the case is gone. */
async function changeCase(tx: OutboxAndCases, caseId: string, change: (current: RadioCase) => RadioCase): Promise<RadioCase | undefined> {
  const cases = tx.objectStore('cases');
  const current = await cases.get(caseId);
  if (!current) return undefined;
  const next = change(current);
  await cases.put(next);
  return next;
}

/** A replacement order after a fix: the machine already waits for a code, so only the links move to the new key. */
function relinked(previousKey: string, key: string, now: number) {
  return (current: RadioCase): RadioCase => {
    const linked = current.orderKey === previousKey || current.machine.orderKey === previousKey;
    const base = linked ? { ...current, machine: { ...current.machine, orderKey: key } } : current;
    return { ...base, orderKey: key, updatedAt: Math.max(now, current.updatedAt) };
  };
}

export type EnqueueInput = {
  request: OrderRequest;
  now: number;
} & (
  | { caseId?: undefined }
  | {
      /** The case this order is for, changed in the same transaction: both are stored, or neither. */
      caseId: string;
      /** Decided by the caller (domain/case-orders `orderPlaced`); gets the fresh idempotency key. */
      caseChange: (orderKey: string) => CaseChange;
    }
);

/**
 * Queues an order under a fresh idempotency key. One strict transaction writes the entry and links
 * the case, so after a crash there is either both or neither. Resolves once it is on disk.
 */
export async function enqueueOrder(input: EnqueueInput): Promise<PendingEntry> {
  const entry: PendingEntry = {
    key: crypto.randomUUID(),
    request: input.request,
    state: 'queued',
    createdAt: input.now,
    updatedAt: input.now,
    attempts: 0,
    nextAttemptAt: input.now,
  };
  if (input.caseId !== undefined) entry.caseId = input.caseId;
  let caseLinked = false;
  await writeTransaction(['outbox', 'cases'], async (tx) => {
    if (input.caseId !== undefined) {
      const change = input.caseChange(entry.key);
      caseLinked = (await changeCase(tx, input.caseId, (current) => change(current, input.now))) !== undefined;
    }
    await tx.objectStore('outbox').add(entry);
  });
  announce([entry.key]);
  if (caseLinked && input.caseId !== undefined) publishChange('cases', { type: 'CASES_CHANGED', ids: [input.caseId] });
  return entry;
}

/** Pending entries whose time has come, oldest due first. Includes entries a crash left in 'sending'. */
export async function takeDueEntries(now: number): Promise<PendingEntry[]> {
  const due = await readTransaction(['outbox'], (tx) =>
    tx.objectStore('outbox').index('byNextAttemptAt').getAll(IDBKeyRange.upperBound(now)),
  );
  return due.filter(isPending);
}

/**
 * The device clock was set back: an entry queued or retried while it ran ahead holds a time that lies
 * beyond anything the retry policy could have set from now (`horizonMs`, retry-policy's
 * longestPlannedWaitMs). Such a time only means "when that clock said so": the entry becomes due now,
 * and such a pause is forgotten (a real one the server still wants comes back as a 429). Without this
 * an order would wait out the whole skew. Only entries not yet due are looked at. Returns the keys moved.
 */
export async function rescheduleBeyond(now: number, horizonMs: number): Promise<string[]> {
  const horizon = now + horizonMs;
  const moved: string[] = [];
  await writeTransaction(['outbox'], async (tx) => {
    const index = tx.objectStore('outbox').index('byNextAttemptAt');
    for (let cursor = await index.openCursor(IDBKeyRange.lowerBound(now, true)); cursor; cursor = await cursor.continue()) {
      const entry = cursor.value;
      if (!isPending(entry)) continue;
      const lateTime = entry.nextAttemptAt > horizon;
      const latePause = entry.notBefore !== undefined && entry.notBefore > horizon;
      if (!lateTime && !latePause) continue;
      const { notBefore, ...rest } = entry;
      const next: PendingEntry = { ...rest, nextAttemptAt: lateTime ? now : entry.nextAttemptAt };
      if (notBefore !== undefined && !latePause) next.notBefore = notBefore;
      await cursor.update(next);
      moved.push(entry.key);
    }
  });
  announce(moved);
  return moved;
}

/** Earliest nextAttemptAt of any pending entry: when the flusher should wake up next. */
export async function findNextAttemptAt(): Promise<number | undefined> {
  const cursor = await readTransaction(['outbox'], async (tx) => {
    const first = await tx.objectStore('outbox').index('byNextAttemptAt').openCursor();
    return first?.value;
  });
  return cursor && isPending(cursor) ? cursor.nextAttemptAt : undefined;
}

/** Changes one entry in a strict transaction; `move` returns the new record, or undefined to leave it. */
async function moveEntry<E extends OutboxEntry>(key: string, move: (entry: OutboxEntry) => E | undefined): Promise<E | undefined> {
  let moved: E | undefined;
  await writeTransaction(['outbox'], async (tx) => {
    const store = tx.objectStore('outbox');
    const entry = await store.get(key);
    if (!entry) return;
    moved = move(entry);
    if (moved) await store.put(moved);
  });
  if (moved) announce([key]);
  return moved;
}

/**
 * Claims a due pending entry for sending and counts the attempt. Returns the entry as stored (send
 * THAT body), or undefined when it is no longer pending or no longer due (another flusher got there).
 */
export async function markSending(key: string, now: number): Promise<PendingEntry | undefined> {
  return moveEntry(key, (entry) => {
    if (!isPending(entry) || entry.nextAttemptAt > now) return undefined;
    // nextAttemptAt stays where it is (≤ now): if this context dies mid-send, the next flush retries at once.
    return { ...entry, state: 'sending', attempts: entry.attempts + 1, sendingSince: now, updatedAt: Math.max(now, entry.updatedAt) };
  });
}

/** The server stored the order (201, or the replay of it). Idempotent; never moves an entry backwards. */
export async function markSent(key: string, receipt: OrderReceipt, now: number): Promise<SentEntry | undefined> {
  return moveEntry(key, (entry): SentEntry | undefined => {
    if (!isPending(entry)) return undefined;
    return { ...baseOf(entry, now), state: 'sent', order: { id: receipt.id, token: receipt.token, createdAt: receipt.createdAt }, sentAt: now };
  });
}

export interface RetryOptions {
  now?: number;
  /** From Retry-After: "send now" must not go earlier than this. */
  notBefore?: number;
}

/** A retryable failure: back to 'queued' with the same key, to be sent again at `nextAttemptAt`. */
export async function markRetry(key: string, nextAttemptAt: number, lastError: string, options: RetryOptions = {}): Promise<PendingEntry | undefined> {
  const now = options.now ?? Date.now();
  return moveEntry(key, (entry): PendingEntry | undefined => {
    if (!isPending(entry)) return undefined;
    const next: PendingEntry = { ...baseOf(entry, now), state: 'queued', nextAttemptAt, lastError };
    if (options.notBefore !== undefined) next.notBefore = options.notBefore;
    return next;
  });
}

export interface DeferOptions {
  now: number;
  /** Shown on each entry: why it waits (the service's answer to another order). */
  lastError: string;
  /** From Retry-After: "send now" must not go earlier than this either. */
  notBefore?: number;
}

/**
 * The service asked this device to wait (a 429 to one of its orders): the given pending entries due
 * before `until` wait until then. No attempt is counted (none was made for them), so their backoff
 * and their editability stay as they were. One transaction; returns the keys that moved.
 */
export async function deferPending(keys: readonly string[], until: number, options: DeferOptions): Promise<string[]> {
  const moved: string[] = [];
  await writeTransaction(['outbox'], async (tx) => {
    const store = tx.objectStore('outbox');
    for (const key of keys) {
      const entry = await store.get(key);
      if (!entry || !isPending(entry) || entry.nextAttemptAt >= until) continue;
      const next: PendingEntry = { ...baseOf(entry, options.now), state: 'queued', nextAttemptAt: until, lastError: options.lastError };
      const notBefore = Math.max(entry.notBefore ?? -Infinity, options.notBefore ?? -Infinity);
      if (Number.isFinite(notBefore)) next.notBefore = notBefore;
      await store.put(next);
      moved.push(key);
    }
  });
  announce(moved);
  return moved;
}

/**
 * The server refused the body (400/413/422): nothing was stored (except after keyReused, see
 * editAndRequeue), and the user must decide what to do.
 */
export async function markNeedsAttention(key: string, problem: ProblemReport, now: number): Promise<NeedsAttentionEntry | undefined> {
  return moveEntry(key, (entry): NeedsAttentionEntry | undefined => {
    if (!isPending(entry)) return undefined;
    return { ...baseOf(entry, now), state: 'needsAttention', problem, attentionAt: now };
  });
}

/** "Send now": pending entries become due at once, except where the server asked for a pause. Returns how many. */
export async function expediteOrders(now: number): Promise<number> {
  const keys: string[] = [];
  await writeTransaction(['outbox'], async (tx) => {
    const index = tx.objectStore('outbox').index('byNextAttemptAt');
    for (let cursor = await index.openCursor(IDBKeyRange.lowerBound(now, true)); cursor; cursor = await cursor.continue()) {
      const entry = cursor.value;
      if (!isPending(entry)) continue;
      const at = Math.max(now, entry.notBefore ?? now);
      if (at < entry.nextAttemptAt) {
        await cursor.update({ ...entry, nextAttemptAt: at });
        keys.push(entry.key);
      }
    }
  });
  announce(keys);
  return keys.length;
}

export interface StatusResult {
  entry: OutboxEntry;
  /** The linked case after the delivered code was stored on it. */
  radioCase?: RadioCase;
  /** True when something new was learnt (state changed). */
  changed: boolean;
}

/**
 * Stores what the poller learnt. Fulfilled: the code goes on the entry AND on the linked case (the
 * caller's `onDelivered`, domain/case-orders `codeDelivered`) in one transaction, so it is kept for offline use.
 */
export async function recordStatus(
  key: string,
  report: OrderStatusReport,
  now: number,
  onDelivered: (code: string) => CaseChange,
): Promise<StatusResult | undefined> {
  let result: StatusResult | undefined;
  await writeTransaction(['outbox', 'cases'], async (tx) => {
    const outbox = tx.objectStore('outbox');
    const entry = await outbox.get(key);
    if (!entry || (entry.state !== 'sent' && entry.state !== 'cancelled')) {
      if (entry) result = { entry, changed: false };
      return;
    }
    let next: OutboxEntry;
    if (report.status === 'fulfilled' && report.code !== undefined && isValidCode(report.code)) {
      next = { ...baseOf(entry, now), state: 'fulfilled', order: entry.order, sentAt: entry.sentAt, code: report.code, deliveredAt: now } satisfies FulfilledEntry;
    } else if ((report.status === 'cancelled' || report.status === 'refunded') && entry.state === 'sent') {
      next = { ...baseOf(entry, now), state: 'cancelled', order: entry.order, sentAt: entry.sentAt, cancelledAt: now } satisfies CancelledEntry;
      if (report.reason !== undefined) next.reason = report.reason;
      if (report.status === 'refunded') next.refunded = true;
    } else if (entry.state === 'sent') {
      const sent: SentEntry = { ...entry, lastPolledAt: now };
      if (report.status === 'fulfilled') sent.pollError = 'code.format';
      else delete sent.pollError;
      const payment = paymentOf(report);
      if (payment) sent.payment = payment;
      else delete sent.payment;
      await outbox.put(sent);
      // A change in payment (due → paid) is news for the screen, though the entry stays 'sent'.
      result = { entry: sent, changed: !samePayment(payment, entry.payment) };
      return;
    } else {
      result = { entry, changed: false };
      return;
    }
    await outbox.put(next);
    result = { entry: next, changed: true };
    if (next.state === 'fulfilled' && next.caseId !== undefined) {
      const change = onDelivered(next.code);
      const radioCase = await changeCase(tx, next.caseId, (current) => change(current, now));
      if (radioCase) result.radioCase = radioCase;
    }
  });
  if (result?.changed) {
    publishChange('outbox', { type: 'ORDERS_UPDATED', keys: [key] });
    if (result.radioCase) publishChange('cases', { type: 'CASES_CHANGED', ids: [result.radioCase.id] });
  }
  return result;
}

/** A poll that taught nothing new (still received, or a transient error): remembered for display and pacing. */
export async function recordPollFailure(key: string, error: string, now: number): Promise<void> {
  await moveEntry(key, (entry): SentEntry | undefined => (entry.state === 'sent' ? { ...entry, lastPolledAt: now, pollError: error } : undefined));
}

export async function getOrder(key: string): Promise<OutboxEntry | undefined> {
  return readTransaction(['outbox'], (tx) => tx.objectStore('outbox').get(key));
}

/** Every order on the device, newest first. */
export async function listOrders(): Promise<OutboxEntry[]> {
  const all = await readTransaction(['outbox'], (tx) => tx.objectStore('outbox').getAll());
  return all.sort((a, b) => b.createdAt - a.createdAt || (a.key < b.key ? -1 : 1));
}

export async function listOrdersByState<S extends OutboxEntry['state']>(state: S): Promise<Extract<OutboxEntry, { state: S }>[]> {
  const found = await readTransaction(['outbox'], (tx) => tx.objectStore('outbox').index('byState').getAll(state));
  return found as Extract<OutboxEntry, { state: S }>[];
}

/**
 * The user fixed a field after a 400/422 (or before the first send). The body changes, so the order
 * gets a NEW idempotency key, in one transaction with the removal of the old entry and the relinking
 * of the case:
 * - the server binds a key to the first body it saw (same key + other body → 422), so the old key
 *   could never carry the corrected body;
 * - a new key cannot make a second order: a 400/413/422 answer means the server stored nothing under
 *   the old key, and an entry never attempted cannot have reached it. That answer is the server's
 *   acknowledgement, so dropping the old entry keeps "nothing deleted before the server answered".
 *   The one exception is 422 idempotency.keyReused: an order exists under the old key, so that entry
 *   is refused here too (a new key would order twice).
 * A pending entry that was already attempted is refused: its first send may be stored on the server,
 * and a new key would then order twice. Wait for its answer instead.
 */
export async function editAndRequeue(key: string, request: OrderRequest, now: number): Promise<PendingEntry> {
  let replacement: PendingEntry | undefined;
  let caseLinked = false;
  await writeTransaction(['outbox', 'cases'], async (tx) => {
    const outbox = tx.objectStore('outbox');
    const old = await outbox.get(key);
    if (!old) throw new OutboxStateError(key, 'missing', 'edit');
    const editable = (old.state === 'needsAttention' && !reportsExistingOrder(old.problem)) || neverSent(old);
    if (!editable) throw new OutboxStateError(key, old.state, 'edit');
    replacement = {
      key: crypto.randomUUID(),
      request,
      state: 'queued',
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      replaces: old.key,
    };
    if (old.caseId !== undefined) {
      replacement.caseId = old.caseId;
      caseLinked = (await changeCase(tx, old.caseId, relinked(old.key, replacement.key, now))) !== undefined;
    }
    await outbox.delete(old.key);
    await outbox.add(replacement);
  });
  const created = replacement as unknown as PendingEntry;
  announce([key, created.key]);
  if (caseLinked && created.caseId !== undefined) publishChange('cases', { type: 'CASES_CHANGED', ids: [created.caseId] });
  return created;
}

/**
 * Drops an order the server refused (needsAttention) when the user gives up on it. Only that state:
 * anything else may be, or become, a stored order on the server.
 */
export async function discardOrder(key: string, now: number): Promise<void> {
  let caseId: string | undefined;
  await writeTransaction(['outbox', 'cases'], async (tx) => {
    const outbox = tx.objectStore('outbox');
    const entry = await outbox.get(key);
    if (!entry) return;
    if (entry.state !== 'needsAttention') throw new OutboxStateError(key, entry.state, 'discard');
    await outbox.delete(key);
    if (entry.caseId === undefined) return;
    const cases = tx.objectStore('cases');
    const radioCase = await cases.get(entry.caseId);
    if (radioCase?.orderKey === key) {
      const { orderKey: _unlinked, ...rest } = radioCase;
      await cases.put({ ...rest, updatedAt: Math.max(now, radioCase.updatedAt) });
      caseId = radioCase.id;
    }
  });
  announce([key]);
  if (caseId !== undefined) publishChange('cases', { type: 'CASES_CHANGED', ids: [caseId] });
}

/** Never tried: the server cannot have it, so it may still be changed or withdrawn (the same rule as editAndRequeue). */
function neverSent(entry: OutboxEntry): boolean {
  return entry.state === 'queued' && entry.attempts === 0;
}

/**
 * Deletes a case and, in the same transaction, its orders that never left this phone: sending the serial and
 * address of a car the user removed would surprise them. An order tried even once may be stored on the server
 * already, so it stays (the Orders screen keeps showing it and its code). Resolves with the withdrawn entries,
 * which restoreWithdrawnOrders puts back for Undo.
 */
export async function deleteCaseWithUnsentOrders(caseId: string): Promise<OutboxEntry[]> {
  const withdrawn: OutboxEntry[] = [];
  await writeTransaction(['outbox', 'cases'], async (tx) => {
    await tx.objectStore('cases').delete(caseId);
    const outbox = tx.objectStore('outbox');
    for (const entry of await outbox.getAll()) {
      if (entry.caseId !== caseId || !neverSent(entry)) continue;
      await outbox.delete(entry.key);
      withdrawn.push(entry);
    }
  });
  announce(withdrawn.map((entry) => entry.key));
  publishChange('cases', { type: 'CASES_CHANGED', ids: [caseId] });
  return withdrawn;
}

/** Undo of deleteCaseWithUnsentOrders: the case and its withdrawn orders come back together, as they were. */
export async function restoreCaseWithOrders(radioCase: RadioCase, withdrawn: readonly OutboxEntry[]): Promise<void> {
  await writeTransaction(['outbox', 'cases'], async (tx) => {
    await tx.objectStore('cases').put(radioCase);
    const outbox = tx.objectStore('outbox');
    for (const entry of withdrawn) if ((await outbox.get(entry.key)) === undefined) await outbox.put(entry);
  });
  announce(withdrawn.map((entry) => entry.key));
  publishChange('cases', { type: 'CASES_CHANGED', ids: [radioCase.id] });
}

/** Called with the keys of outbox entries changed here, in other tabs or in the SW. */
export function subscribeOutbox(listener: (keys: string[]) => void): () => void {
  return subscribeChanges('outbox', (message) => {
    if (message.type === 'OUTBOX_CHANGED' || message.type === 'ORDERS_UPDATED') listener(message.keys);
  });
}
