// The page's own connectivity judgement (the SW has its own): probes /api/health at start, on 'online', when visible again, and with a backoff while offline.
import { createConnectivity, healthProbe } from '../sync/connectivity';

const hasWindow = typeof window !== 'undefined';

export const pageConnectivity = createConnectivity({
  probe: healthProbe((input, init) => fetch(input, init)),
  // Prerendering runs in Node, whose navigator has no onLine: unknown there, as it should be.
  browserSaysOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
  active: () => hasWindow && document.visibilityState === 'visible',
});

let started = false;

function checkUnlessBrowserOffline(): void {
  if (navigator.onLine === false) pageConnectivity.browserWentOffline();
  else void pageConnectivity.check();
}

/**
 * After first paint: listen to the browser's hints and check once, so a lying navigator.onLine is
 * found out at start. While the browser says it has no network at all, nothing is probed (it is
 * believed, and its 'online' event starts the next check).
 */
export function startPageConnectivity(): void {
  if (started || !hasWindow) return;
  started = true;
  addEventListener('online', () => void pageConnectivity.check());
  addEventListener('offline', () => pageConnectivity.browserWentOffline());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkUnlessBrowserOffline();
  });
  checkUnlessBrowserOffline();
}
