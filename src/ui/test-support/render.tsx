// Component tests: English strings from the locale files on disk, and Testing Library's render (happy-dom).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { i18n } from '../../i18n/i18n';

function bundle(namespace: string): Record<string, unknown> {
  // Vitest runs from the project root; under happy-dom import.meta.url is not a file URL.
  return JSON.parse(readFileSync(join(process.cwd(), 'src/i18n/locales/en', `${namespace}.json`), 'utf8')) as Record<string, unknown>;
}

/** i18next with the real English bundles, so tests read what a user reads (no network, no prerender). */
export async function useEnglish(): Promise<void> {
  if (i18n.isInitialized) return;
  await i18n.init({
    lng: 'en',
    fallbackLng: 'en',
    ns: ['common', 'guide'],
    defaultNS: 'common',
    resources: { en: { common: bundle('common'), guide: bundle('guide') } },
    interpolation: { escapeValue: false },
  });
}

export { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
