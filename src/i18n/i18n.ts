// The i18next instance. Strings ship as JSON files per language and namespace (precached by the service worker),
// not as JavaScript: the page fetches the language in use and only the namespaces its first screen needs; the
// rest follow after the first render. The prerender hands its bundles over from disk.
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, pickLocale, type Locale } from './languages';

type Bundle = Record<string, unknown>;

/** locales/<lang>/<namespace>.json → its built URL (browser) */
const bundleUrls = import.meta.glob<string>('./locales/*/*.json', { query: '?url', import: 'default', eager: true });

function parsePath(path: string): { language: string; namespace: string } {
  const [, language = '', file = ''] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  return { language, namespace: file };
}

const urlOf = new Map(Object.entries(bundleUrls).map(([path, url]) => [`${parsePath(path).language}/${parsePath(path).namespace}`, url]));

export const NAMESPACES: readonly string[] = [...new Set(Object.keys(bundleUrls).map((path) => parsePath(path).namespace))].sort();
export const i18n = i18next.createInstance();

const loading = new Map<string, Promise<void>>();

/** Fetches one bundle once (from the precache when offline); a failed fetch may be tried again. */
function loadBundle(language: Locale, namespace: string): Promise<void> {
  const key = `${language}/${namespace}`;
  if (i18n.hasResourceBundle(language, namespace)) return Promise.resolve();
  let pending = loading.get(key);
  if (!pending) {
    const url = urlOf.get(key);
    if (!url) return Promise.reject(new Error(`locale ${key}: no such bundle`));
    pending = fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`locale ${key}: HTTP ${response.status}`);
        i18n.addResourceBundle(language, namespace, (await response.json()) as Bundle, true, true);
      })
      .catch((error: unknown) => {
        loading.delete(key);
        throw error;
      });
    loading.set(key, pending);
  }
  return pending;
}

/** Makes `namespaces` of `language` (default: the current one) available before a screen renders with them. */
export async function loadNamespaces(namespaces: readonly string[], language: Locale = currentLocale()): Promise<void> {
  await Promise.all(namespaces.map((namespace) => loadBundle(language, namespace)));
}

let initialised: Promise<unknown> | undefined;

function init(language: Locale): Promise<unknown> {
  initialised ??= i18n.init({
    lng: language,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // Preact escapes text
    returnNull: false,
  });
  return initialised;
}

/**
 * Starts the UI in `language` with the `namespaces` its first screen needs. English, the fallback, is not
 * fetched here: every key exists in every language (the locale parity test), so it only follows in the
 * background (loadRemainingBundles) as a safety net.
 */
export async function initI18n(language: Locale, namespaces: readonly string[] = NAMESPACES): Promise<TFunction> {
  await Promise.all([init(language), loadNamespaces(namespaces, language)]);
  return switchLanguage(language, namespaces);
}

/** The prerender: strings imported at build time, nothing fetched. */
export async function initI18nWithBundles(language: Locale, bundles: Record<string, Bundle>): Promise<TFunction> {
  await init(language);
  for (const [namespace, bundle] of Object.entries(bundles)) i18n.addResourceBundle(language, namespace, bundle, true, true);
  return switchLanguage(language, []);
}

/** After the first render: the other namespaces of the language in use, and the English fallback. */
export async function loadRemainingBundles(): Promise<void> {
  await Promise.all([loadNamespaces(NAMESPACES), loadNamespaces(NAMESPACES, DEFAULT_LOCALE)]);
}

/** Switch the UI language: loads its strings (from the precache when offline) and updates <html lang>. */
export async function switchLanguage(language: Locale, namespaces: readonly string[] = NAMESPACES): Promise<TFunction> {
  await loadNamespaces(namespaces, language);
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
