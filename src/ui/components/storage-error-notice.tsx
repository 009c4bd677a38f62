// Explains a device-storage failure in plain words (full, blocked by another tab, unavailable); nothing saved is lost.
import { StorageBlockedError, StorageFullError } from '../../storage/db';
import { useT } from '../hooks/use-t';

export function StorageErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  const message =
    error instanceof StorageFullError
      ? t('storage.full')
      : error instanceof StorageBlockedError
        ? t('storage.blocked')
        : t('storage.unavailable');
  return (
    <p class="notice notice--danger" role="alert">
      {message}
    </p>
  );
}
