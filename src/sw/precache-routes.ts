// Precaching and navigation: every built asset from the precache; a navigation gets its prerendered page (or the
// shell) in the saved or the browser's language, with the saved theme marked on <html>, before any script runs.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { pageFor, savedPreferences } from './navigation-page';

export function installPrecacheRoutes(manifest: Array<PrecacheEntry | string>, browserLanguages: () => readonly string[]): void {
  // Registered before the precache route, which would answer /guide/r56 with the English file.
  registerRoute(
    new NavigationRoute(
      async ({ url, request }) => {
        // A file asked for by name (one language's page, a static page, robots.txt, an icon) is itself.
        const exact = /\.[a-z0-9]+$/i.test(url.pathname) ? await matchPrecache(url.pathname) : undefined;
        if (exact) return exact;
        return (await pageFor(url, savedPreferences(), browserLanguages(), matchPrecache)) ?? fetch(request);
      },
      { denylist: [/^\/api\//] },
    ),
  );
  precacheAndRoute(manifest);
  cleanupOutdatedCaches();
}
