// The two ways a browser reports navigator.onLine while requests fail, made explicit so every offline story runs under both on any machine.
import type { BrowserContext, Page } from '@playwright/test';

/**
 * 'honest': navigator.onLine follows the network (false while offline, with 'offline'/'online' events).
 * 'lying': navigator.onLine reads true and no 'offline'/'online' event ever fires — what some Chromium
 * builds show after an offline reload, and what a phone with one bar, a captive Wi-Fi or a dead data
 * session shows for real.
 */
export type OnLineMode = 'honest' | 'lying';
export const ONLINE_MODES: readonly OnLineMode[] = ['honest', 'lying'];

/** Failed requests while offline are logged by the browser; every offline story expects them. */
export const OFFLINE_CONSOLE_ERRORS = [/ERR_INTERNET_DISCONNECTED/, /Failed to fetch/];

const OFFLINE_FLAG = 'e2e:offline';

/**
 * Pins navigator.onLine for every page of the context, whatever this browser version would say by
 * itself. The honest mode reads a per-tab flag that goOffline/goOnline set (sessionStorage survives
 * reloads); the lying mode swallows the browser's own online/offline events before the app sees them.
 */
export async function emulateOnLine(context: BrowserContext, mode: OnLineMode): Promise<void> {
  await context.addInitScript(
    ([pageMode, flag]) => {
      const offline = (): boolean => sessionStorage.getItem(flag) === '1';
      Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => (pageMode === 'lying' ? true : !offline()) });
      if (pageMode === 'lying') {
        // Capturing listeners on window run before the app's own (registered later): nothing reaches it.
        for (const type of ['online', 'offline']) addEventListener(type, (event) => event.stopImmediatePropagation(), true);
      }
    },
    [mode, OFFLINE_FLAG] as const,
  );
}

/** The network goes away; an honest browser says so (flag + 'offline' event), a lying one does not. */
export async function goOffline(page: Page, mode: OnLineMode): Promise<void> {
  await setNetwork(page, mode, true);
}

export async function goOnline(page: Page, mode: OnLineMode): Promise<void> {
  await setNetwork(page, mode, false);
}

async function setNetwork(page: Page, mode: OnLineMode, offline: boolean): Promise<void> {
  await page.context().setOffline(offline);
  await page.evaluate(
    ([nowOffline, pageMode, flag]) => {
      sessionStorage.setItem(flag, nowOffline ? '1' : '0');
      if (pageMode === 'honest') dispatchEvent(new Event(nowOffline ? 'offline' : 'online'));
    },
    [offline, mode, OFFLINE_FLAG] as const,
  );
}
