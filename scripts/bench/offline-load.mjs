// Offline repeat load: FCP of `/` reloaded from the service worker with the network off, against a bare page precached by the same worker.
import { onCleanup } from './cleanup.mjs';
import { installServiceWorker, newBenchContext, readFcp } from './browser.mjs';
import { median, round } from './stats.mjs';

async function timedReload(page, label) {
  const response = await page.reload({ waitUntil: 'load', timeout: 30_000 });
  if (!response) throw new Error(`${label}: reload gave no response`);
  if (!response.fromServiceWorker()) throw new Error(`${label}: offline reload was not answered by the service worker`);
  if (!response.ok()) throw new Error(`${label}: offline reload answered ${response.status()}`);
  return readFcp(page);
}

/**
 * Installs the worker from `/`, goes offline, loads each page once to warm up, then reloads the
 * app and the static page alternately `reloads` times each (alternating spreads drift evenly).
 */
export async function offlineRepeatLoad(browser, { baseUrl, staticPath, reloads = 10, log = () => {} }) {
  const context = await newBenchContext(browser);
  const closeContext = onCleanup('offline-load context', () => context.close());
  try {
    const app = await context.newPage();
    await installServiceWorker(app, `${baseUrl}/`);
    const bare = await context.newPage();
    await context.setOffline(true);
    await bare.goto(`${baseUrl}${staticPath}`, { waitUntil: 'load' }).catch((err) => {
      throw new Error(`${staticPath} did not open offline (is it in the copied worker's precache?): ${err.message}`);
    });
    if ((await bare.textContent('h1')) !== 'Hello') throw new Error(`${staticPath} offline did not show its <h1>Hello</h1>`);
    await timedReload(app, '/');
    await timedReload(bare, staticPath);

    const appFcp = [];
    const staticFcp = [];
    for (let i = 0; i < reloads; i++) {
      appFcp.push(await timedReload(app, '/'));
      staticFcp.push(await timedReload(bare, staticPath));
    }
    if (!(await app.locator('h1').first().isVisible())) throw new Error('/ reloaded offline without a visible heading');
    const appMedian = median(appFcp);
    const staticMedian = median(staticFcp);
    log(`  offline FCP: app ${round(appMedian, 1)} ms, static ${round(staticMedian, 1)} ms`);
    return {
      reloads,
      app: { medianFcp: round(appMedian, 1), fcp: appFcp.map((v) => round(v, 1)) },
      static: { medianFcp: round(staticMedian, 1), fcp: staticFcp.map((v) => round(v, 1)) },
      ratio: round(appMedian / staticMedian, 2),
    };
  } finally {
    await closeContext();
  }
}
