// Remembers the last deleted case for a few moments so the home screen can offer "Undo".
import type { RadioCase } from '../domain/case';
import { createStore } from '../domain/observable';
import { deleteCase, putCase } from '../storage/cases-store';

const lastDeleted = createStore<RadioCase | undefined>(undefined);

export async function deleteWithUndo(radioCase: RadioCase): Promise<void> {
  await deleteCase(radioCase.id);
  lastDeleted.set(radioCase);
}

export async function undoDelete(): Promise<void> {
  const restored = lastDeleted.get();
  if (!restored) return;
  await putCase(restored);
  lastDeleted.set(undefined);
}

export function forgetDeleted(): void {
  lastDeleted.set(undefined);
}

/** Calls `listener` with the last deleted case now and whenever it changes. */
export const subscribeDeleted = lastDeleted.subscribe;
