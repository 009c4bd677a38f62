// Precaching and navigation: every built asset from the precache; navigations from prerendered HTML or the shell.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** Prerendered routes live at <path>/index.html; a clean URL like /guide/r56 maps onto that file. */
export function prerenderedVariant(url: URL): URL[] {
  if (url.pathname.endsWith('/') || /\.[a-z0-9]+$/i.test(url.pathname)) return [];
  return [new URL(`${url.pathname}/index.html`, url.origin)];
}

export function installPrecacheRoutes(manifest: Array<PrecacheEntry | string>): void {
  precacheAndRoute(manifest, { urlManipulation: ({ url }) => prerenderedVariant(url) });
  cleanupOutdatedCaches();
  // Routes that are not prerendered (a case, the admin screen) open from the shell, which renders on the client.
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
}
