// The i18next instance. Strings ship as JSON files (precached by the service worker), not as JavaScript:
// the browser fetches the bundles of the language in use; the prerender reads them from disk.
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, pickLocale, type Locale } from './languages';

type Bundle = Record<string, unknown>;

/** locales/<lang>/<namespace>.json → its built URL (browser) */
const bundleUrls = import.meta.glob<string>('./locales/*/*.json', { query: '?url', import: 'default', eager: true });

export const NAMESPACES = [...new Set(Object.keys(bundleUrls).map((path) => parsePath(path).namespace))].sort();
export const i18n = i18next.createInstance();

function parsePath(path: string): { language: string; namespace: string } {
  const [, language = '', file = ''] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  return { language, namespace: file };
}

async function readBundles(language: Locale): Promise<Array<readonly [string, Bundle]>> {
  const entries = Object.entries(bundleUrls).filter(([path]) => parsePath(path).language === language);
  return Promise.all(
    entries.map(async ([path, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`locale ${language}/${parsePath(path).namespace}: HTTP ${response.status}`);
      return [parsePath(path).namespace, (await response.json()) as Bundle] as const;
    }),
  );
}

async function loadLanguage(language: Locale): Promise<void> {
  if (i18n.hasResourceBundle(language, 'common')) return;
  for (const [namespace, bundle] of await readBundles(language)) i18n.addResourceBundle(language, namespace, bundle, true, true);
}

let initialised: Promise<unknown> | undefined;

/**
 * Initialise once with English (the fallback), then switch to `language`. The prerender passes the
 * English bundles it imported at build time (`english`), so nothing is fetched there.
 */
export async function initI18n(language: Locale = DEFAULT_LOCALE, english?: Record<string, Bundle>): Promise<TFunction> {
  initialised ??= i18n
    .init({
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...SUPPORTED_LOCALES],
      ns: NAMESPACES,
      defaultNS: 'common',
      resources: english ? { en: english } : {},
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // Preact escapes text
      returnNull: false,
    })
    .then(() => loadLanguage(DEFAULT_LOCALE));
  await initialised;
  return switchLanguage(language);
}

/** Switch the UI language: loads its strings (from the precache when offline) and updates <html lang>. */
export async function switchLanguage(language: Locale): Promise<TFunction> {
  await loadLanguage(language);
  const t = await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return t;
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export function browserLocale(): Locale {
  if (typeof navigator === 'undefined') return DEFAULT_LOCALE;
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}
