// Build-time only: renders each route to HTML for @preact/preset-vite (never shipped to the browser).
import { prerender as renderToHtml } from 'preact-iso';
import { App } from './ui/app';
import { initI18n } from './i18n/i18n';
import { titleFor } from './ui/route-titles';

export async function prerender(data: { url: string }) {
  await initI18n('en');
  const { html, links } = await renderToHtml(<App />);
  return { html, links, head: { lang: 'en', title: titleFor(data.url) } };
}
