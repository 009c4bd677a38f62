// Remembers the last deleted case for a few moments so the home screen can offer "Undo".
import type { RadioCase } from '../domain/case';

// The store is imported when a case is deleted or restored, so the home screen does not load it with the page.
const casesStore = () => import('../storage/cases-store');

let lastDeleted: RadioCase | undefined;
const listeners = new Set<(deleted: RadioCase | undefined) => void>();

function publish(): void {
  for (const listener of listeners) listener(lastDeleted);
}

export async function deleteWithUndo(radioCase: RadioCase): Promise<void> {
  await (await casesStore()).deleteCase(radioCase.id);
  lastDeleted = radioCase;
  publish();
}

export async function undoDelete(): Promise<void> {
  const restored = lastDeleted;
  if (!restored) return;
  await (await casesStore()).putCase(restored);
  lastDeleted = undefined;
  publish();
}

export function forgetDeleted(): void {
  lastDeleted = undefined;
  publish();
}

export function subscribeDeleted(listener: (deleted: RadioCase | undefined) => void): () => void {
  listeners.add(listener);
  listener(lastDeleted);
  return () => listeners.delete(listener);
}
