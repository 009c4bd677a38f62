// Mirrors the saved language and theme into two small first-party cookies (no identifier, nothing else), so the
// server sends the page already in them when no service worker answers: a hard reload, a browser without one.
import { PREFERENCE_COOKIES } from '../domain/prerendered-pages';
import type { Settings } from '../storage/settings-store';

const ONE_YEAR_S = 365 * 24 * 60 * 60;

function writeCookie(name: string, value: string | null): void {
  const attributes = `; Path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  document.cookie = value === null ? `${name}=; Max-Age=0${attributes}` : `${name}=${value}; Max-Age=${ONE_YEAR_S}${attributes}`;
}

export function rememberPreferences(settings: Pick<Settings, 'language' | 'theme'>): void {
  if (typeof document === 'undefined') return;
  writeCookie(PREFERENCE_COOKIES.language, settings.language);
  writeCookie(PREFERENCE_COOKIES.theme, settings.theme === 'system' ? null : settings.theme);
}
