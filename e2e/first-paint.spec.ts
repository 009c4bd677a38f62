// What the reader sees before the app runs: the page in their language (browser or saved choice) from the first
// paint, online or offline, first visit or repeat; the saved theme on the first frame; routes that are not
// prerendered never showing another screen first. A paint recorder logs every text the page ever holds.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { waitForApp } from './support/case-flow';
import { flatten } from '../src/i18n/locale-files';

type PaintLog = { texts: string[]; firstFrame: { theme: string | null; background: string; text: string } | null };

/**
 * Runs before any of the page's own code, from the first byte: every text node the parser or a script ever
 * puts into the document (even one removed before it could paint), and the theme and text of the first frame.
 */
function recordPaint(): void {
  const texts: string[] = [];
  let firstFrame: PaintLog['firstFrame'] = null;
  const collect = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = (node as Text).data.trim();
      if (text) texts.push(text);
    } else node.childNodes.forEach(collect);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') collect(record.target);
      else record.addedNodes.forEach(collect);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  requestAnimationFrame(() => {
    firstFrame = {
      theme: document.documentElement.dataset.theme ?? null,
      background: document.body ? getComputedStyle(document.body).backgroundColor : '',
      text: document.body?.innerText ?? '',
    };
  });
  (window as unknown as { __paint: () => PaintLog }).__paint = () => ({ texts, firstFrame });
}

const paintLog = (page: Page) => page.evaluate(() => (window as unknown as { __paint: () => PaintLog }).__paint());

const bundle = (lang: string, ns: string) => flatten(JSON.parse(readFileSync(`src/i18n/locales/${lang}/${ns}.json`, 'utf8')));

/**
 * English sentences no German page contains: every English string that differs from its German one, cut at
 * its {{placeholders}}, kept when at least 12 characters and found nowhere in the German strings.
 */
function englishOnlyFragments(): string[] {
  const german = [...bundle('de', 'common').values(), ...bundle('de', 'guide').values()].join('\n');
  const fragments = new Set<string>();
  for (const ns of ['common', 'guide']) {
    const de = bundle('de', ns);
    for (const [key, english] of bundle('en', ns)) {
      if (de.get(key) === english) continue;
      for (const piece of english.split(/\{\{[^}]*\}\}|<\/?\d+>/)) {
        const fragment = piece.trim();
        if (fragment.length >= 12 && !german.includes(fragment)) fragments.add(fragment);
      }
    }
  }
  return [...fragments];
}

const ENGLISH_ONLY = englishOnlyFragments();
const common = (lang: string) => bundle(lang, 'common');

function englishIn(log: PaintLog): string[] {
  return log.texts.filter((text) => ENGLISH_ONLY.some((fragment) => text.includes(fragment)));
}

/** Opens `path`, waits until the app runs and the screen has its heading, and returns what the page held meanwhile. */
async function visit(page: Page, path: string, reload = false): Promise<PaintLog> {
  if (reload) await page.reload();
  else await page.goto(path);
  await expect(page.locator('#app[data-live]')).toBeAttached();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return paintLog(page);
}

async function chooseInSettings(page: Page, field: 'language' | 'theme', value: string): Promise<void> {
  await page.goto('/settings');
  await waitForApp(page);
  // The settings controls are made afresh once the device's settings are read: choose again until it holds.
  await expect(async () => {
    if (field === 'language') await page.locator('select').first().selectOption(value);
    else await page.locator(`input[name="theme"][value="${value}"]`).check();
    await expect(page.locator('html')).toHaveAttribute(field === 'language' ? 'lang' : 'data-theme', value, { timeout: 2_000 });
  }).toPass();
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('never paints English text: first visit, repeat visit, offline', async ({ page, context }) => {
    test.slow();
    expect(ENGLISH_ONLY.length, 'the check has English sentences to look for').toBeGreaterThan(100);
    await context.addInitScript(recordPaint);
    const germanTitle = common('de').get('home.title') as string;

    for (const path of ['/', '/guide/r55-r59', '/orders', '/settings', '/about', '/case/no-such-car', '/no-such-page']) {
      const first = await visit(page, path);
      expect(first.texts, `${path}, first visit`).not.toEqual([]);
      expect(englishIn(first), `${path}, first visit: English text`).toEqual([]);
    }
    await waitForServiceWorkerControl(page);

    for (const path of ['/', '/guide/r55-r59', '/case/no-such-car']) {
      await page.goto(path);
      const repeat = await visit(page, path, true);
      expect(englishIn(repeat), `${path}, repeat visit: English text`).toEqual([]);
    }

    await context.setOffline(true);
    for (const path of ['/', '/guide/r55-r59', '/settings', '/case/no-such-car']) {
      const offline = await visit(page, path);
      expect(englishIn(offline), `${path}, offline: English text`).toEqual([]);
    }
    const home = await visit(page, '/');
    expect(home.firstFrame?.text, 'the first frame is the German home page').toContain(germanTitle);
  });
});

test.describe('a saved language in an English browser', () => {
  test.use({ locale: 'en-GB' });

  test('paints first in the saved language, with the service worker, offline, and without it', async ({ page, context, browser }) => {
    test.slow();
    await chooseInSettings(page, 'language', 'de');
    await waitForServiceWorkerControl(page);
    await context.addInitScript(recordPaint);

    for (const path of ['/', '/guide/r55-r59', '/case/no-such-car']) {
      expect(englishIn(await visit(page, path)), `${path}, service worker: English text`).toEqual([]);
    }
    await context.setOffline(true);
    for (const path of ['/', '/guide/r55-r59']) {
      expect(englishIn(await visit(page, path)), `${path}, offline: English text`).toEqual([]);
    }
    await context.setOffline(false);

    // No service worker answers (a hard reload, a browser without one): the server reads the saved choice.
    const bare = await browser.newContext({ locale: 'en-GB', serviceWorkers: 'block', storageState: await context.storageState() });
    try {
      const fresh = await bare.newPage();
      await bare.addInitScript(recordPaint);
      await fresh.goto('/guide/r55-r59');
      await expect(fresh.locator('html')).toHaveAttribute('lang', 'de');
      await expect(fresh.getByRole('heading', { level: 1 })).toBeVisible();
      expect(englishIn(await paintLog(fresh)), 'no service worker: English text').toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

test.describe('routes that are not prerendered', () => {
  const home = common('en');
  const HOME_TEXTS = [home.get('home.title') as string, home.get('home.lead') as string, home.get('home.guidesTitle') as string];

  async function expectNoOtherScreen(page: Page, path: string, when: string, expectedHeading: RegExp) {
    const log = await visit(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(expectedHeading);
    const homeTexts = log.texts.filter((text) => HOME_TEXTS.some((homeText) => text.includes(homeText)));
    expect(homeTexts, `${path}, ${when}: home page text was on the page`).toEqual([]);
    expect(log.texts, `${path}, ${when}: the header painted`).toContain(home.get('nav.orders'));
  }

  test('a case, admin and an unknown path never show the home page first, online or offline', async ({ page, context }) => {
    test.slow();
    await context.addInitScript(recordPaint);
    const cases: Array<[string, RegExp]> = [
      ['/case/no-such-car', new RegExp(home.get('case.notFoundTitle') as string)],
      ['/no-such-page', new RegExp(home.get('notFound.title') as string)],
      ['/admin', /./],
    ];
    for (const [path, heading] of cases) await expectNoOtherScreen(page, path, 'first visit', heading);
    await waitForServiceWorkerControl(page);
    for (const [path, heading] of cases) await expectNoOtherScreen(page, path, 'service worker', heading);
    await context.setOffline(true);
    for (const [path, heading] of cases) await expectNoOtherScreen(page, path, 'offline', heading);
  });
});

test.describe('a saved theme', () => {
  test.use({ colorScheme: 'light' });

  async function expectDarkFirstFrame(page: Page, path: string, when: string) {
    const log = await visit(page, path);
    expect(log.firstFrame?.theme, `${path}, ${when}: data-theme on the first frame`).toBe('dark');
    expect(log.firstFrame?.background, `${path}, ${when}: background of the first frame`).toBe('rgb(12, 21, 18)');
  }

  test('is on the first frame: service worker, offline, and the server when no worker answers', async ({ page, context, browser }) => {
    test.slow();
    await chooseInSettings(page, 'theme', 'dark');
    await waitForServiceWorkerControl(page);
    await context.addInitScript(recordPaint);
    for (const path of ['/', '/guide/r55-r59', '/case/no-such-car']) await expectDarkFirstFrame(page, path, 'service worker');
    await context.setOffline(true);
    for (const path of ['/', '/admin']) await expectDarkFirstFrame(page, path, 'offline');
    await context.setOffline(false);

    const bare: BrowserContext = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', storageState: await context.storageState() });
    try {
      await bare.addInitScript(recordPaint);
      const fresh = await bare.newPage();
      await fresh.goto('/about');
      await expect(fresh.getByRole('heading', { level: 1 })).toBeVisible();
      const log = await paintLog(fresh);
      expect(log.firstFrame?.theme, 'no service worker: data-theme on the first frame').toBe('dark');
    } finally {
      await bare.close();
    }
  });
});
