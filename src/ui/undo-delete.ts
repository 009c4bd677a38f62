// Remembers the last deleted case for a few moments so the home screen can offer "Undo".
import type { RadioCase } from '../domain/case';
import { deleteCase, putCase } from '../storage/cases-store';

let lastDeleted: RadioCase | undefined;
const listeners = new Set<(deleted: RadioCase | undefined) => void>();

function publish(): void {
  for (const listener of listeners) listener(lastDeleted);
}

export async function deleteWithUndo(radioCase: RadioCase): Promise<void> {
  await deleteCase(radioCase.id);
  lastDeleted = radioCase;
  publish();
}

export async function undoDelete(): Promise<void> {
  const restored = lastDeleted;
  if (!restored) return;
  await putCase(restored);
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
