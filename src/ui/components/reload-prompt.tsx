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

  // "Ready to work offline" arrives by itself, seconds after a first visit: shown at once it would push the
  // screen down under a finger (and count as layout shift). So it waits for the next screen the user opens,
  // shows there, and steps aside when the user moves on (no timer: nothing jumps while reading).
  // Decided during render (Preact renders synchronously), so the notice comes with the new screen, not a frame later.
  const arrivedOn = useRef<string | undefined>(undefined);
  const shownOn = useRef<string | undefined>(undefined);
  if (!status.offlineReady) {
    arrivedOn.current = undefined;
    shownOn.current = undefined;
  } else {
    arrivedOn.current ??= path;
    if (path !== arrivedOn.current) shownOn.current ??= path;
  }
  const showOfflineReady = status.offlineReady && shownOn.current === path;
  useEffect(() => {
    if (status.offlineReady && shownOn.current !== undefined && path !== shownOn.current) dismissServiceWorkerNotice();
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
  if (showOfflineReady && !status.updateAvailable) {
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
