// Starting a new car: numbered after the cars already on the device, saved, and the browser asked to keep storage.
import { createCase } from '../domain/case';
import type { GenerationId } from '../domain/generations';
import { i18n } from '../i18n/i18n';
import { listCases, putCase } from '../storage/cases-store';
import { requestPersistentStorage } from './persistent-storage';

/** Saves a new case and returns its id (throws a StorageError when the device cannot save it). */
export async function startNewCar(generation?: GenerationId): Promise<string> {
  const existing = await listCases({ includeArchived: true });
  const label = i18n.t('cases.defaultLabel', { number: existing.length + 1 });
  const radioCase = createCase({ id: crypto.randomUUID(), label, now: Date.now(), generation: generation ?? null });
  await putCase(radioCase);
  // A car on the device is worth keeping: ask the browser not to evict this app's storage.
  void requestPersistentStorage().catch(() => undefined);
  return radioCase.id;
}
