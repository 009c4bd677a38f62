// The device's settings for the running app, read after the first render (the service worker or the server already
// chose the page's language and theme from them), and the theme's mark on <html>. Defaults if storage is unavailable.
import type { Settings, Theme } from '../storage/settings-store';

export async function loadSavedSettings(): Promise<Settings> {
  const store = await import('../storage/settings-store');
  try {
    return await store.getSettings();
  } catch {
    return { ...store.DEFAULT_SETTINGS }; // private mode or blocked storage: the app still works, it just forgets
  }
}

export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
