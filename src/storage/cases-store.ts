// Owns the cases store: one record per car, strict writes, and a 'cases' change notice after every commit.
import { applyEvent, type ApplyResult, type RadioCase } from '../domain/case';
import type { DiagnosisEvent } from '../domain/diagnosis-machine';
import { publishChange, subscribeChanges } from './change-feed';
import { readTransaction, writeTransaction } from './db';

function announce(ids: string[]): void {
  publishChange('cases', { type: 'CASES_CHANGED', ids });
}

/** Saves the whole record (last writer wins). Prefer applyCaseEvent for machine moves: it reads and writes atomically. */
export async function putCase(radioCase: RadioCase): Promise<void> {
  await writeTransaction(['cases'], async (tx) => {
    await tx.objectStore('cases').put(radioCase);
  });
  announce([radioCase.id]);
}

export async function getCase(id: string): Promise<RadioCase | undefined> {
  return readTransaction(['cases'], (tx) => tx.objectStore('cases').get(id));
}

/** Most recently updated first; archived cases only when asked for. */
export async function listCases(options: { includeArchived?: boolean } = {}): Promise<RadioCase[]> {
  const all = await readTransaction(['cases'], (tx) => tx.objectStore('cases').index('byUpdatedAt').getAll());
  const visible = options.includeArchived ? all : all.filter((c) => c.archivedAt === undefined);
  return visible.reverse();
}

/**
 * Read, change and write one case in a single transaction, so two tabs moving the same case
 * cannot overwrite each other. `change` must be synchronous; returning undefined leaves it as is.
 */
export async function updateCase(id: string, change: (current: RadioCase) => RadioCase | undefined): Promise<RadioCase | undefined> {
  let written: RadioCase | undefined;
  await writeTransaction(['cases'], async (tx) => {
    const store = tx.objectStore('cases');
    const current = await store.get(id);
    if (!current) return;
    const next = change(current);
    if (!next || next === current) return;
    await store.put(next);
    written = next;
  });
  if (written) announce([id]);
  return written;
}

/** Sends one event to a case's machine and saves the result atomically. Undefined when the case does not exist. */
export async function applyCaseEvent(id: string, event: DiagnosisEvent, now: number): Promise<ApplyResult | undefined> {
  let result: ApplyResult | undefined;
  await writeTransaction(['cases'], async (tx) => {
    const store = tx.objectStore('cases');
    const current = await store.get(id);
    if (!current) return;
    result = applyEvent(current, event, now);
    if (result.changed) await store.put(result.case);
  });
  if (result?.changed) announce([id]);
  return result;
}

export async function archiveCase(id: string, now: number): Promise<RadioCase | undefined> {
  return updateCase(id, (c) => (c.archivedAt === undefined ? { ...c, archivedAt: now, updatedAt: Math.max(now, c.updatedAt) } : undefined));
}

export async function unarchiveCase(id: string, now: number): Promise<RadioCase | undefined> {
  return updateCase(id, (c) => {
    if (c.archivedAt === undefined) return undefined;
    const { archivedAt: _dropped, ...rest } = c;
    return { ...rest, updatedAt: Math.max(now, c.updatedAt) };
  });
}

/**
 * Deletes the case only. An order attached to it stays in the outbox (it may be in flight or paid
 * for); its code then stays on the order.
 */
export async function deleteCase(id: string): Promise<void> {
  await writeTransaction(['cases'], async (tx) => {
    await tx.objectStore('cases').delete(id);
  });
  announce([id]);
}

/** Called with the ids of cases changed in this tab, other tabs or the SW. Returns an unsubscribe function. */
export function subscribeCases(listener: (ids: string[]) => void): () => void {
  return subscribeChanges('cases', (message) => {
    if (message.type === 'CASES_CHANGED') listener(message.ids);
  });
}
