// Home list at scale: 200 cases written straight into the page's IndexedDB, then time from navigation start to 200 items in the DOM.
import { onCleanup } from './cleanup.mjs';
import { installServiceWorker, newBenchContext } from './browser.mjs';
import { deviceDbNames, makeCases } from './case-fixtures.mjs';
import { median, round } from './stats.mjs';

export const LIST_SELECTOR = '[data-testid="case-list"] > li';

/** Runs in the page before its own scripts: notes performance.now() when the list first holds `target` items. */
function watchList({ selector, target }) {
  const mark = { target, at: null };
  Object.defineProperty(window, '__benchList', { value: mark, configurable: true });
  const check = () => {
    if (mark.at !== null) return;
    if (document.querySelectorAll(selector).length >= target) {
      mark.at = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

/** Runs in the page: replaces the contents of the cases store. Refuses to create the database itself. */
function writeCases({ name, version, store, cases }) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, version);
    open.onupgradeneeded = () => {
      open.transaction.abort();
      reject(new Error(`the app had not created IndexedDB "${name}" v${version} after its first visit`));
    };
    open.onerror = () => reject(open.error ?? new Error(`could not open IndexedDB "${name}"`));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(store)) {
        db.close();
        return reject(new Error(`IndexedDB "${name}" has no "${store}" store`));
      }
      const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
      const objects = tx.objectStore(store);
      objects.clear();
      for (const record of cases) objects.put(record);
      tx.oncomplete = () => {
        db.close();
        resolve(cases.length);
      };
      tx.onabort = tx.onerror = () => {
        db.close();
        reject(tx.error ?? new Error('writing the cases was aborted'));
      };
    };
  });
}

async function listState(page) {
  return page.evaluate((selector) => ({ lists: document.querySelectorAll('[data-testid="case-list"]').length, items: document.querySelectorAll(selector).length }), LIST_SELECTOR);
}

/** Median over `runs` reloads; { status: 'n/a', reason } while the home screen has no case list. */
export async function homeListLoad(browser, { baseUrl, count = 200, runs = 5, log = () => {} }) {
  const [names, fixtures] = await Promise.all([deviceDbNames(), makeCases(count)]);
  const context = await newBenchContext(browser);
  const closeContext = onCleanup('home-list context', () => context.close());
  try {
    const page = await context.newPage();
    await installServiceWorker(page, `${baseUrl}/`);
    try {
      await page.evaluate(writeCases, { ...names, cases: fixtures.cases });
    } catch (err) {
      return { status: 'n/a', reason: err.message.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0] };
    }
    await page.addInitScript(watchList, { selector: LIST_SELECTOR, target: count });
    const times = [];
    for (let i = 0; i < runs; i++) {
      await page.reload({ waitUntil: 'domcontentloaded' });
      try {
        await page.waitForFunction(() => typeof window.__benchList?.at === 'number', null, { timeout: 20_000, polling: 100 });
      } catch {
        const state = await listState(page);
        if (state.lists === 0) return { status: 'n/a', reason: `the home screen shows no ${LIST_SELECTOR.split(' ')[0]} (not built yet?)` };
        return { status: 'n/a', reason: `the case list showed ${state.items} of ${count} items after 20 s` };
      }
      times.push(await page.evaluate(() => window.__benchList.at));
    }
    const value = median(times);
    log(`  home list: ${count} items after ${round(value, 1)} ms (median of ${runs})`);
    return { status: 'ok', count, runs, medianMs: round(value, 1), timesMs: times.map((t) => round(t, 1)), recipes: fixtures.recipes };
  } finally {
    await closeContext();
  }
}
