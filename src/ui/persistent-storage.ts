// Asks the browser once to keep this app's data (cases, orders, codes) even when space runs low.
import { getSettings, updateSettings } from '../storage/settings-store';

export type PersistOutcome = 'granted' | 'refused' | 'unsupported' | 'already-asked';

export async function requestPersistentStorage(): Promise<PersistOutcome> {
  if (!navigator.storage?.persist) return 'unsupported';
  if (await navigator.storage.persisted()) return 'granted';
  const settings = await getSettings();
  if (settings.persistRequested) return 'already-asked';
  const granted = await navigator.storage.persist();
  await updateSettings({ persistRequested: true });
  return granted ? 'granted' : 'refused';
}
