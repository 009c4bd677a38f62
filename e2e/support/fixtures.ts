// Shared Playwright fixtures: every page fails its test on a console error or an uncaught exception.
import { test as base, expect, type Page } from '@playwright/test';

/**
 * Chromium's own log line for a request made while the test has cut the network (context.setOffline):
 * the app probes its server to judge connectivity, so any offline story may log it, on any browser version.
 */
const CUT_NETWORK = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/;

export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  /** A test that provokes an error on purpose (a fetch while offline) lists it here. */
  expectedConsoleErrors: async ({}, use) => {
    await use([]);
  },
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      const unexpected = errors.filter((text) => !expectedConsoleErrors.some((pattern) => pattern.test(text)) && !CUT_NETWORK.test(text));
      expect(unexpected, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Resolves once a service worker controls the page (first visit: after install + clients.claim()). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}
