// Build-time only: renders each route, and the shell, in every language to HTML for @preact/preset-vite
// (never shipped to the browser). Which file holds what: domain/prerendered-pages.ts.
import { prerender as renderToHtml } from 'preact-iso';
import { App } from './ui/app';
import { i18n, initI18nWithBundles } from './i18n/i18n';
import { titleFor } from './ui/route-titles';
import { pageOfFile, SHELL_ROUTE } from './domain/prerendered-pages';
import { DEFAULT_LOCALE, type Locale } from './i18n/languages';
import { screenFor } from './ui/screens';

const locales = import.meta.glob<Record<string, unknown>>('./i18n/locales/*/*.json', { eager: true, import: 'default' });

function bundlesOf(locale: Locale): Record<string, Record<string, unknown>> {
  const bundles: Record<string, Record<string, unknown>> = {};
  for (const [path, bundle] of Object.entries(locales)) {
    const [, language, namespace] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (language === locale && namespace) bundles[namespace] = bundle;
  }
  return bundles;
}

/** The plugin points `location` at the URL it renders; a language variant's URL is its file, so point it at the route. */
function showRoute(route: string): void {
  const url = new URL(route, 'http://localhost');
  Object.assign(globalThis.location, { href: url.href, pathname: url.pathname, search: '', hash: '' });
}

export async function prerender(data: { url: string }) {
  // "/" and the routes found by crawling are English at their clean URLs; every other page is asked for by its file.
  const page = data.url.endsWith('.html') ? pageOfFile(data.url) : { route: data.url, locale: DEFAULT_LOCALE };
  if (!page) throw new Error(`prerender: ${data.url} is no page of domain/prerendered-pages.ts`);
  // The shell stands for no route in particular: no navigation link may claim to be the current page.
  showRoute(page.route === SHELL_ROUTE ? '/shell' : page.route);
  await initI18nWithBundles(page.locale, bundlesOf(page.locale));
  const shell = page.route === SHELL_ROUTE;
  // The screen's code is in before rendering: a screen that had to load while rendering would be wrapped in suspense
  // markers that the browser's hydration (screen already loaded) does not expect, and it would rebuild the page.
  if (!shell) await screenFor(page.route).preload();
  const { html } = await renderToHtml(<App shell={shell} />);
  // Every page is listed in vite.config.ts; links found while rendering add nothing (and no stray English-only page).
  // The description in the page's own language (search results, link previews); index.html has none of its own.
  const description = { type: 'meta', props: { name: 'description', content: i18n.t('app.description') } };
  return { html, links: [], head: { lang: page.locale, title: titleFor(shell ? '/' : page.route), elements: new Set([description]) } };
}
