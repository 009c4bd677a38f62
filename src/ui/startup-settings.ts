// Settings the first render needs (language, theme), read once from device storage before hydration.
import type { Locale } from '../i18n/languages';
import type { ThemeChoice } from './hooks/use-settings';

export interface StartupSettings {
  language?: Locale;
  theme?: ThemeChoice;
}

export async function loadStartupSettings(): Promise<StartupSettings> {
  return {};
}

export function applyTheme(theme: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
