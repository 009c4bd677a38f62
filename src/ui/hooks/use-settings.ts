// App-wide settings from device storage as a context, so any screen can read and change them live.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../storage/settings-defaults';
import type { Locale } from '../../i18n/languages';

export type { Settings, Theme } from '../../storage/settings-defaults';

export interface SettingsApi {
  settings: Settings;
  /** null: follow the browser's language again. */
  changeLanguage(language: Locale | null): Promise<void>;
  updateSettings(patch: Partial<Omit<Settings, 'language'>>): Promise<void>;
}

export const SettingsContext = createContext<SettingsApi>({
  settings: { ...DEFAULT_SETTINGS },
  changeLanguage: async () => undefined,
  updateSettings: async () => undefined,
});

export function useSettings(): SettingsApi {
  return useContext(SettingsContext);
}
