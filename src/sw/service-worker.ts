// The service worker: listeners only; each one hands off to a helper module.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { isPageToSwMessage } from '../sync/messages';
import { installPrecacheRoutes } from './precache-routes';
import { SYNC_TAG } from '../sync/outbox-triggers';
import { platformBackgroundSync, syncOutbox } from './sw-sync';
import { openFromNotification } from './notification-clicks';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** Background Sync is not in the WebWorker typings yet. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

const backgroundSync = platformBackgroundSync();

installPrecacheRoutes(self.__WB_MANIFEST, () => self.navigator.languages);
// The first worker controls the open page at once; later ones wait for the user's "Reload" (SKIP_WAITING).
clientsClaim();

self.addEventListener('message', (event) => {
  if (!isPageToSwMessage(event.data)) return;
  if (event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag === SYNC_TAG) event.waitUntil(syncOutbox(backgroundSync));
}) as EventListener);

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = typeof event.notification.data?.url === 'string' ? event.notification.data.url : '/';
  event.waitUntil(openFromNotification(self, url));
});
