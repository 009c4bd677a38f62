// Which languages the app speaks and how a browser's preference maps onto them (de-AT → de).
import { SUPPORTED_LOCALES, type Locale } from '../domain/order';

export { SUPPORTED_LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's own name, so a reader can find theirs whatever language is showing. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The first supported language among the browser's preferences, by base language; English otherwise. */
export function pickLocale(preferences: readonly string[]): Locale {
  for (const tag of preferences) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}
