// The service worker: listeners only; each one hands off to a helper module.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { installPrecacheRoutes } from './precache-routes';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

installPrecacheRoutes(self.__WB_MANIFEST);
// The first worker controls the open page at once; later ones wait for the user's "Reload" (SKIP_WAITING).
clientsClaim();

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
