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

/**
 * The precached page that answers a navigation to `url`, in the chosen language and theme; undefined if not precached.
 * The saved choice takes a read of device storage, the browser's language is known at once: as most people never
 * choose one, the browser's page is looked up meanwhile, and used unless the saved choice names another language.
 */
export async function pageFor(
  url: URL,
  preferences: PagePreferences | Promise<PagePreferences>,
  browserLanguages: readonly string[],
  match: (file: string) => Promise<Response | undefined>,
): Promise<Response | undefined> {
  const browserLocale = pickLocale(browserLanguages);
  const browserPage = match(documentFor(url.pathname, browserLocale));
  browserPage.catch(() => undefined); // not needed when the saved language differs
  const { language, theme } = await preferences;
  const locale = language ?? browserLocale;
  const page = await (locale === browserLocale ? browserPage : match(documentFor(url.pathname, locale)));
  if (!page) return undefined;
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': locale });
  // Without a chosen theme the page goes out as precached, streamed rather than read into a string first.
  if (theme !== 'light' && theme !== 'dark') return new Response(page.body, { status: 200, headers });
  return new Response(withTheme(await page.text(), theme), { status: 200, headers });
}
