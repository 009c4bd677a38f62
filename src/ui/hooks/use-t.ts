// Translation access for components; re-renders them when the language changes (through LanguageContext).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TOptions } from 'i18next';
import { i18n } from '../../i18n/i18n';
import type { Locale } from '../../i18n/languages';

export const LanguageContext = createContext<Locale>('en');

export function useT() {
  useContext(LanguageContext);
  return i18n.t;
}

export function useLocale(): Locale {
  return useContext(LanguageContext);
}

/**
 * Translates a key handed over by the domain (catalogue, machine, coach), which is a plain string at the
 * type level; the domain's tests check that every such key exists in the English locale.
 */
export function useDomainT() {
  useContext(LanguageContext);
  return (key: string, options?: TOptions): string => i18n.t(key as never, options as never) as unknown as string;
}
