// The i18next instance: English bundled (source of truth, and fallback), other languages loaded on demand and precached.
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, pickLocale, type Locale } from './languages';

type Bundle = Record<string, unknown>;

const englishModules = import.meta.glob<Bundle>('./locales/en/*.json', { eager: true, import: 'default' });
const otherModules = import.meta.glob<Bundle>(['./locales/*/*.json', '!./locales/en/*.json'], { import: 'default' });

export const NAMESPACES = Object.keys(englishModules).map(namespaceOf).sort();
export const i18n = i18next.createInstance();

function namespaceOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
}

function englishResources(): Record<string, Bundle> {
  return Object.fromEntries(Object.entries(englishModules).map(([path, bundle]) => [namespaceOf(path), bundle]));
}

let ready: Promise<TFunction> | undefined;

/** Initialise once, synchronously usable for English (prerender and first paint). */
export function initI18n(language: Locale = DEFAULT_LOCALE): Promise<TFunction> {
  ready ??= i18n.init({
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    ns: NAMESPACES,
    defaultNS: 'common',
    resources: { en: englishResources() },
    interpolation: { escapeValue: false }, // Preact escapes text
    returnNull: false,
    initAsync: false,
  });
  return ready.then(() => switchLanguage(language));
}

async function loadLanguage(language: Locale): Promise<void> {
  if (language === DEFAULT_LOCALE || i18n.hasResourceBundle(language, 'common')) return;
  const prefix = `./locales/${language}/`;
  const entries = Object.entries(otherModules).filter(([path]) => path.startsWith(prefix));
  const bundles = await Promise.all(entries.map(async ([path, load]) => [namespaceOf(path), await load()] as const));
  for (const [namespace, bundle] of bundles) i18n.addResourceBundle(language, namespace, bundle, true, true);
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
