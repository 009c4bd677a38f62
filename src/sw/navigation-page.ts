// Which precached page answers a navigation: the route's prerendered page (or the shell) in the saved language, else
// the browser's, with the saved theme marked on <html> so the first frame is right before any script runs.
import { documentFor, withTheme } from '../domain/prerendered-pages';
import { pickLocale, type Locale } from '../domain/locales';
import { DEFAULT_SETTINGS, getSettings, type Theme } from '../storage/settings-store';

export interface PagePreferences {
  /** null: follow the browser. */
  language: Locale | null;
  theme: Theme;
}

export async function savedPreferences(): Promise<PagePreferences> {
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
  match: (file: string) => Promise<Response | undefined>,
): Promise<Response | undefined> {
  const locale = preferences.language ?? pickLocale(browserLanguages);
  const page = await match(documentFor(url.pathname, locale));
  if (!page) return undefined;
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': locale });
  return new Response(withTheme(await page.text(), preferences.theme), { status: 200, headers });
}

