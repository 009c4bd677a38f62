// The app adopts a prerendered page as it is (the first screen at start, long pages' later parts just after): it rewrites no text and replaces no element (each rewrite is
// layout work on a phone's main thread, and a replaced heading is painted twice), and nothing on the page moves
// while the app starts (Cumulative Layout Shift 0). Pages that show what the device holds change only once the app is
// live, and then below what is shown (settings adds the controls only this device can offer at the end).
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { GENERATION_IDS } from '../src/domain/generations';

/** Runs before the page's own code: every DOM change inside #app, and every layout shift, in order. */
function recordStart(): void {
  const changes: string[] = [];
  let shift = 0;
  const describe = (node: Node) => (node.nodeType === Node.TEXT_NODE ? `text "${(node as Text).data.trim().slice(0, 40)}"` : node.nodeName);
  const changesAfterParsing = new MutationObserver((records) => {
    for (const record of records) {
      const app = document.getElementById('app');
      if (!app) continue;
      if (record.type === 'attributes' && record.target === app && record.attributeName === 'data-live') changes.push('LIVE');
      else if (app.contains(record.target) && record.type !== 'attributes') {
        const what = record.type === 'characterData' ? describe(record.target) : [...record.addedNodes, ...record.removedNodes].map(describe).join(', ');
        changes.push(`${record.type} in ${describe(record.target)}: ${what}`);
      }
    }
  });
  // The parser's own insertions are the page, not changes to it: watch once it has finished.
  document.addEventListener('DOMContentLoaded', () => {
    changesAfterParsing.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
      if (!entry.hadRecentInput) shift += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  (window as unknown as { __start: () => { changes: string[]; shift: number } }).__start = () => ({ changes, shift });
}

async function start(page: Page, path: string) {
  await page.goto(path, { waitUntil: 'networkidle' });
  await expect(page.locator('#app[data-live]')).toBeAttached();
  // Layout shifts are reported after the frame that showed them: wait for two more frames.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => (window as unknown as { __start: () => { changes: string[]; shift: number } }).__start());
}

/** Pages that look the same with an empty device as prerendered: nothing may change, ever. */
const STILL_PAGES = ['/', '/about', ...GENERATION_IDS.map((id) => `/guide/${id}`)];
/** Pages that show what the device holds once it is read (the orders list, settings): nothing may change before the app is live. */
const DATA_PAGES = ['/orders', '/settings'];

for (const locale of ['en-GB', 'de-DE']) {
  test.describe(`a ${locale} browser`, () => {
    test.use({ locale, viewport: { width: 360, height: 740 } });

    test('starts the app on every prerendered page without rewriting or moving it', async ({ page, context }) => {
      test.slow();
      await context.addInitScript(recordStart);
      for (const path of [...STILL_PAGES, ...DATA_PAGES]) {
        const { changes, shift } = await start(page, path);
        const live = changes.indexOf('LIVE');
        expect(live, `${path}: the app marked itself live`).toBeGreaterThanOrEqual(0);
        // Long pages are adopted part by part after the app is live: on those, no change at any time.
        const adopting = STILL_PAGES.includes(path) ? changes.filter((change) => change !== 'LIVE') : changes.slice(0, live);
        expect(adopting, `${path}: DOM changes while the app adopted the page`).toEqual([]);
        expect(shift, `${path}: layout shift while the app started`).toBe(0);
      }
    });
  });
}
