// Registers the service worker (prompt mode) and exposes its lifecycle to the UI as a tiny observable.
import { registerSW } from 'virtual:pwa-register';
import { createStore } from '../domain/observable';
import { pageConnectivity } from './page-connectivity';

export interface ServiceWorkerStatus {
  offlineReady: boolean;
  updateAvailable: boolean;
}

const status = createStore<ServiceWorkerStatus>({ offlineReady: false, updateAvailable: false });
let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;

function publish(next: Partial<ServiceWorkerStatus>): void {
  status.set({ ...status.get(), ...next });
}

export const subscribeServiceWorker = status.subscribe;

/** Only on the user's word: the waiting worker takes over and the page reloads into the new version. */
export function activateUpdate(): void {
  // workbox-window reloads on 'controlling' only when a worker already controlled the page when it
  // registered; after a first install in this same visit it would not, so reload here, once.
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  });
  void applyUpdate?.(true);
}

export function dismissServiceWorkerNotice(): void {
  publish({ offlineReady: false });
}

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => publish({ updateAvailable: true }),
    onOfflineReady: () => publish({ offlineReady: true }),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      const check = () => {
        // Not while requests are known to fail: the check would only fail too.
        if (pageConnectivity.worthTrying()) void registration.update().catch(() => undefined);
      };
      setInterval(check, UPDATE_CHECK_INTERVAL_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
    },
  });
}
