// The Playwright side of the bench: one Chromium (project flags), a phone-sized context with service workers, and page helpers.
import { launchChromium } from '../chromium.mjs';
import { onCleanup, withTimeout } from './cleanup.mjs';

export async function openBrowser() {
  const browser = await withTimeout(launchChromium({ headless: true }), 60_000, 'launching Chromium');
  const close = onCleanup('playwright chromium', () => browser.close());
  return { browser, close };
}

export function newBenchContext(browser) {
  return browser.newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London' });
}

/** Opens `url` and waits until the service worker controls the page (it precached everything by then). */
export async function installServiceWorker(page, url, timeoutMs = 30_000) {
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, { timeout: timeoutMs }).catch(() => {
    throw new Error(`no service worker took control of ${url} within ${timeoutMs / 1000} s (is service-worker.js served and registered?)`);
  });
}

/** First contentful paint of the current document, ms after navigation start. */
export function readFcp(page, timeoutMs = 10_000) {
  return page.evaluate(
    (limit) =>
      new Promise((resolve, reject) => {
        const hit = performance.getEntriesByName('first-contentful-paint')[0];
        if (hit) return resolve(hit.startTime);
        const timer = setTimeout(() => reject(new Error('no first-contentful-paint entry')), limit);
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (!entry) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
    timeoutMs,
  );
}
