// App-wide settings (language, theme) as a context, so the settings screen can change them live.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../i18n/languages';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface AppSettings {
  theme: ThemeChoice;
}

export interface SettingsApi {
  settings: AppSettings;
  changeLanguage(language: Locale): Promise<void>;
  changeTheme(theme: ThemeChoice): void;
}

export const SettingsContext = createContext<SettingsApi>({
  settings: { theme: 'system' },
  changeLanguage: async () => undefined,
  changeTheme: () => undefined,
});

export function useSettings(): SettingsApi {
  return useContext(SettingsContext);
}
