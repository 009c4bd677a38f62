// Settings the first render needs, read once from device storage before hydration; defaults if storage is unavailable.
import { DEFAULT_SETTINGS, getSettings, type Settings, type Theme } from '../storage/settings-store';

export async function loadStartupSettings(): Promise<Settings> {
  try {
    return await getSettings();
  } catch {
    return { ...DEFAULT_SETTINGS }; // private mode or blocked storage: the app still works, it just forgets
  }
}

export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
