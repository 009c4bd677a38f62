// Explains a device-storage failure in plain words (full, blocked by another tab, unavailable); nothing saved is lost.
import type { StorageBlockedError, StorageFullError } from '../../storage/db';
import { useT } from '../hooks/use-t';

// By name, not instanceof: a screen showing this notice need not load the storage code (db.ts, idb) with its page.
const isError = <T extends Error>(error: unknown, name: T['name']): error is T => error instanceof Error && error.name === name;

export function StorageErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  const message =
    isError<StorageFullError>(error, 'StorageFullError')
      ? t('storage.full')
      : isError<StorageBlockedError>(error, 'StorageBlockedError')
        ? t('storage.blocked')
        : t('storage.unavailable');
  return (
    <p class="notice notice--danger" role="alert">
      {message}
    </p>
  );
}
