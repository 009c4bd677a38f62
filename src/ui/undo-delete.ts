// Remembers the last deleted case (and any order withdrawn with it) for a few moments so the home screen can offer "Undo".
import type { RadioCase } from '../domain/case';
import type { OutboxEntry } from '../storage/outbox-store';
import { createStore } from '../domain/observable';

// The store is imported when a case is deleted or restored, so the home screen does not load it with the page.
const outboxStore = () => import('../storage/outbox-store');

export interface DeletedCase {
  radioCase: RadioCase;
  /** Its orders that had not left this phone, withdrawn with it. */
  withdrawnOrders: readonly OutboxEntry[];
}

const lastDeleted = createStore<DeletedCase | undefined>(undefined);

export async function deleteWithUndo(radioCase: RadioCase): Promise<void> {
  const withdrawnOrders = await (await outboxStore()).deleteCaseWithUnsentOrders(radioCase.id);
  lastDeleted.set({ radioCase, withdrawnOrders });
}

export async function undoDelete(): Promise<void> {
  const deleted = lastDeleted.get();
  if (!deleted) return;
  await (await outboxStore()).restoreCaseWithOrders(deleted.radioCase, deleted.withdrawnOrders);
  lastDeleted.set(undefined);
}

export function forgetDeleted(): void {
  lastDeleted.set(undefined);
}

/** Calls `listener` with the last deleted case now and whenever it changes. */
export const subscribeDeleted = lastDeleted.subscribe;
