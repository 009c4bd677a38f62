// Which routes ship as prerendered HTML and which file holds each one in each language; the build, the service
// worker and the server all pick a page through this module, so they cannot disagree.
import { GENERATION_IDS } from './generations';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, type Locale } from './locales';

/** Every route but a case and the admin screen (DESIGN.md § Routes). */
export const PRERENDERED_ROUTES: readonly string[] = ['/', '/orders', '/settings', '/about', ...GENERATION_IDS.map((id) => `/guide/${id}`)];

/** What the shell's root element carries as data-route: no route, so the page never hydrates it as one. */
export const SHELL_ROUTE = '';

/** "/guide/r56/" → "/guide/r56"; the root stays "/". */
export function normaliseRoute(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') || '/' : pathname;
}

export function isPrerenderedRoute(pathname: string): boolean {
  return PRERENDERED_ROUTES.includes(normaliseRoute(pathname));
}

const suffix = (locale: Locale) => (locale === DEFAULT_LOCALE ? '' : `.${locale}`);

/** The file of a prerendered route: /guide/r56 → /guide/r56/index.de.html; English keeps index.html. */
export function pageFile(route: string, locale: Locale): string {
  const normal = normaliseRoute(route);
  return `${normal === '/' ? '' : normal}/index${suffix(locale)}.html`;
}

/** The shell (header and navigation, nothing in main) for routes the device renders: a case, admin, unknown paths. */
export function shellFile(locale: Locale): string {
  return `/shell${suffix(locale)}.html`;
}

/** The document that answers a navigation to `pathname` in `locale`. */
export function documentFor(pathname: string, locale: Locale): string {
  return isPrerenderedRoute(pathname) ? pageFile(pathname, locale) : shellFile(locale);
}

/** Every file the build prerenders: each route and the shell, in each language. */
export function allPageFiles(): Array<{ file: string; route: string; locale: Locale }> {
  return SUPPORTED_LOCALES.flatMap((locale) => [
    ...PRERENDERED_ROUTES.map((route) => ({ file: pageFile(route, locale), route, locale })),
    { file: shellFile(locale), route: SHELL_ROUTE, locale },
  ]);
}

/** The inverse of pageFile/shellFile, for the prerender: which route and language a file holds. */
export function pageOfFile(file: string): { route: string; locale: Locale } | undefined {
  const shell = /^\/shell(?:\.([a-z]{2}))?\.html$/.exec(file);
  if (shell) return localeOf(shell[1], (locale) => ({ route: SHELL_ROUTE, locale }));
  const page = /^(.*)\/index(?:\.([a-z]{2}))?\.html$/.exec(file);
  if (!page) return undefined;
  const route = page[1] || '/';
  if (!isPrerenderedRoute(route)) return undefined;
  return localeOf(page[2], (locale) => ({ route, locale }));
}

function localeOf<T>(tag: string | undefined, make: (locale: Locale) => T): T | undefined {
  if (tag === undefined) return make(DEFAULT_LOCALE);
  return isLocale(tag) && tag !== DEFAULT_LOCALE ? make(tag) : undefined;
}

/**
 * The saved language and theme, mirrored by the page into two first-party cookies so the server can pick the
 * page when no service worker answers (a hard reload, a browser without one). Values: a Locale; light | dark.
 */
export const PREFERENCE_COOKIES = { language: 'lang', theme: 'theme' } as const;

/** Marks the saved theme on <html> (data-theme), as the page itself would, so a saved choice paints first time. */
export function withTheme(html: string, theme: string | null | undefined): string {
  if (theme !== 'light' && theme !== 'dark') return html;
  return html.replace(/<html\b/i, `<html data-theme="${theme}"`);
}
