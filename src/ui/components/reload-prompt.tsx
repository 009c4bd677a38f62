// The service-worker notices, in the page's flow under the header (never over controls): "Ready to work offline" and "Update available — Reload".
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useT } from '../hooks/use-t';
import {
  activateUpdate,
  dismissServiceWorkerNotice,
  subscribeServiceWorker,
  type ServiceWorkerStatus,
} from '../register-sw';

export function ReloadPrompt() {
  const t = useT();
  const { path } = useLocation();
  const [status, setStatus] = useState<ServiceWorkerStatus>({ offlineReady: false, updateAvailable: false });
  const [updateLater, setUpdateLater] = useState(false);
  useEffect(() => subscribeServiceWorker(setStatus), []);

  // "Ready to work offline" is news once: it stays on the screen where it appeared (no timer, so nothing jumps
  // under a finger when it goes) and steps aside when the user moves to another screen.
  const shownOn = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!status.offlineReady) {
      shownOn.current = undefined;
      return;
    }
    shownOn.current ??= path;
    if (shownOn.current !== path) dismissServiceWorkerNotice();
  }, [status.offlineReady, path]);

  if (status.updateAvailable && !updateLater) {
    return (
      <div class="toast" role="status">
        <span>{t('pwa.updateAvailable')}</span>
        <span class="toast__actions">
          <button type="button" class="button button--small" onClick={activateUpdate}>
            {t('pwa.reload')}
          </button>
          <button type="button" class="button button--small button--quiet" onClick={() => setUpdateLater(true)}>
            {t('pwa.later')}
          </button>
        </span>
      </div>
    );
  }
  if (status.offlineReady && !status.updateAvailable) {
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
