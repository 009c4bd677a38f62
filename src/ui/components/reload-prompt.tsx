// The unobtrusive service-worker notice: "Ready to work offline" once, and "Update available — Reload".
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../hooks/use-t';
import {
  activateUpdate,
  dismissServiceWorkerNotice,
  subscribeServiceWorker,
  type ServiceWorkerStatus,
} from '../register-sw';

export function ReloadPrompt() {
  const t = useT();
  const [status, setStatus] = useState<ServiceWorkerStatus>({ offlineReady: false, updateAvailable: false });
  useEffect(() => subscribeServiceWorker(setStatus), []);
  // "Ready to work offline" is news once; it steps aside by itself. "Update available" waits for the user.
  useEffect(() => {
    if (!status.offlineReady || status.updateAvailable) return;
    const timer = setTimeout(dismissServiceWorkerNotice, 8_000);
    return () => clearTimeout(timer);
  }, [status.offlineReady, status.updateAvailable]);

  if (status.updateAvailable) {
    return (
      <div class="toast" role="status">
        <span>{t('pwa.updateAvailable')}</span>
        <button type="button" class="button button--small" onClick={activateUpdate}>
          {t('pwa.reload')}
        </button>
      </div>
    );
  }
  if (status.offlineReady) {
    return (
      <div class="toast" role="status">
        <span>{t('pwa.offlineReady')}</span>
        <button type="button" class="button button--small button--quiet" onClick={dismissServiceWorkerNotice}>
          {t('pwa.dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
