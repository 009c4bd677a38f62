// Build-time only: renders each route to HTML for @preact/preset-vite (never shipped to the browser).
import { prerender as renderToHtml } from 'preact-iso';
import { App } from './ui/app';
import { initI18n } from './i18n/i18n';
import { titleFor } from './ui/route-titles';

const english = import.meta.glob<Record<string, unknown>>('./i18n/locales/en/*.json', { eager: true, import: 'default' });

export async function prerender(data: { url: string }) {
  const bundles = Object.fromEntries(Object.entries(english).map(([path, bundle]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), bundle]));
  await initI18n('en', bundles);
  const { html, links } = await renderToHtml(<App />);
  return { html, links, head: { lang: 'en', title: titleFor(data.url) } };
}
