// Which languages the app speaks and how a browser's preference maps onto them (de-AT → de).
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, pickLocale, type Locale } from '../domain/locales';

export { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, pickLocale, type Locale };

/** Each language's own name, so a reader can find theirs whatever language is showing. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
};
