// Precaching and navigation: every built asset from the precache; a navigation gets its prerendered page (or the
// shell) in the saved or the browser's language, with the saved theme marked on <html>, before any script runs.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { documentFor, withTheme } from '../domain/prerendered-pages';
import { pickLocale, type Locale } from '../domain/locales';
import { DEFAULT_SETTINGS, getSettings, type Theme } from '../storage/settings-store';

export interface PagePreferences {
  /** null: follow the browser. */
  language: Locale | null;
  theme: Theme;
}

async function savedPreferences(): Promise<PagePreferences> {
  try {
    return await getSettings();
  } catch {
    return { language: DEFAULT_SETTINGS.language, theme: DEFAULT_SETTINGS.theme }; // storage unavailable: the browser decides
  }
}

/** The precached page that answers a navigation to `url`, in the chosen language and theme; undefined if not precached. */
export async function pageFor(
  url: URL,
  preferences: PagePreferences,
  browserLanguages: readonly string[],
  match: (file: string) => Promise<Response | undefined> = matchPrecache,
): Promise<Response | undefined> {
  const locale = preferences.language ?? pickLocale(browserLanguages);
  const page = await match(documentFor(url.pathname, locale));
  if (!page) return undefined;
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': locale });
  return new Response(withTheme(await page.text(), preferences.theme), { status: 200, headers });
}

export function installPrecacheRoutes(manifest: Array<PrecacheEntry | string>, browserLanguages: () => readonly string[]): void {
  // Registered before the precache route, which would answer /guide/r56 with the English file.
  registerRoute(
    new NavigationRoute(
      async ({ url, request }) => {
        // A file asked for by name (a static page, one language's page) is itself.
        const exact = url.pathname.endsWith('.html') ? await matchPrecache(url.pathname) : undefined;
        if (exact) return exact;
        return (await pageFor(url, await savedPreferences(), browserLanguages())) ?? fetch(request);
      },
      { denylist: [/^\/api\//] },
    ),
  );
  precacheAndRoute(manifest);
  cleanupOutdatedCaches();
}
