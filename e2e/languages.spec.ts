import { readFileSync } from 'node:fs';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';

type Strings = Record<string, Record<string, unknown>>;
const read = (lang: string, ns: string) => JSON.parse(readFileSync(`src/i18n/locales/${lang}/${ns}.json`, 'utf8')) as Strings;

// The browser's own language tag, as a phone in that country would send it.
const BROWSER_LANGUAGES = [
  ['de-AT', 'de'],
  ['fr-BE', 'fr'],
  ['es-ES', 'es'],
  ['it-IT', 'it'],
  ['nl-NL', 'nl'],
  ['en-GB', 'en'],
] as const;

for (const [browserLocale, lang] of BROWSER_LANGUAGES) {
  test.describe(`browser in ${browserLocale}`, () => {
    test.use({ locale: browserLocale });

    test(`offline, home and a guide page speak ${lang} and <html lang> is ${lang}`, async ({ page, context }) => {
      const common = read(lang, 'common');
      const guide = read(lang, 'guide');
      const homeTitle = (common.home as Record<string, string>).title as string;
      const guideTitle = ((guide.generations as Record<string, Record<string, string>>)['r55-r59'] as Record<string, string>).name as string;

      await page.goto('/');
      await waitForServiceWorkerControl(page);
      await context.setOffline(true);

      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(homeTitle);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);

      await page.goto('/guide/r55-r59');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(guideTitle);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    });
  });
}

test('the language chosen in settings wins over the browser and is remembered offline', async ({ page, context }) => {
  await page.goto('/settings');
  await waitForServiceWorkerControl(page);
  await page.getByLabel('Language').selectOption('nl');
  const nl = read('nl', 'common');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText((nl.settings as Record<string, string>).title as string);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await context.setOffline(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText((nl.home as Record<string, string>).title as string);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});
