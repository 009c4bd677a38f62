// Remembers the last deleted case for a few moments so the home screen can offer "Undo".
import type { RadioCase } from '../domain/case';
import { createStore } from '../domain/observable';

// The store is imported when a case is deleted or restored, so the home screen does not load it with the page.
const casesStore = () => import('../storage/cases-store');

const lastDeleted = createStore<RadioCase | undefined>(undefined);

export async function deleteWithUndo(radioCase: RadioCase): Promise<void> {
  await (await casesStore()).deleteCase(radioCase.id);
  lastDeleted.set(radioCase);
}

export async function undoDelete(): Promise<void> {
  const restored = lastDeleted.get();
  if (!restored) return;
  await (await casesStore()).putCase(restored);
  lastDeleted.set(undefined);
}

export function forgetDeleted(): void {
  lastDeleted.set(undefined);
}

/** Calls `listener` with the last deleted case now and whenever it changes. */
export const subscribeDeleted = lastDeleted.subscribe;
