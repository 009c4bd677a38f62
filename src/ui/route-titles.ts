// The document title for each route, from the locale files (used at prerender and on navigation).
import { i18n } from '../i18n/i18n';

export function titleFor(path: string): string {
  const app = i18n.t('app.name');
  const section = sectionTitle(path);
  return section ? `${section} · ${app}` : app;
}

function sectionTitle(path: string): string | undefined {
  if (path.startsWith('/guide/')) return i18n.t('guides.title');
  if (path === '/orders') return i18n.t('orders.title');
  if (path === '/settings') return i18n.t('settings.title');
  if (path === '/about') return i18n.t('about.title');
  return undefined;
}
