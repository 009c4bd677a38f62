// A frozen page's timers do not fire: when it comes back, a countdown that ended meanwhile ends at once, and its notice is shown once.
import type { Page } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { reachSafeWait } from './support/case-flow';

const START = new Date('2026-11-24T09:00:00Z');

async function notices(page: Page): Promise<Array<{ title: string; timestamp: number }>> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return ((await registration?.getNotifications()) ?? []).map((n) => ({ title: n.title, timestamp: (n as Notification & { timestamp?: number }).timestamp ?? 0 }));
  });
}

test('a page frozen past the end of the SAFE hour ends it as soon as it resumes, with one notice that a second catch-up does not repeat', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['notifications'], { origin: baseURL ?? '' });
  await page.clock.install({ time: START });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.getByRole('button', { name: 'Start with my car' }).click();
  await page.getByRole('button', { name: /^R55 \/ R56/ }).click();
  // SAFE, past the "sources disagree" step, to the hour-long countdown.
  await reachSafeWait(page);
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByText('Notices are on.')).toBeVisible();

  // The phone sleeps through the hour: the wall clock moves on, the page's timers never fire.
  await page.clock.setSystemTime(new Date(START.getTime() + 61 * 60_000));
  await expect(page.getByTestId('countdown')).toBeVisible();
  expect(await notices(page)).toEqual([]);

  // The browser resumes the frozen page and fires 'resume' (Page Lifecycle API). Headless Chromium 156 fires no
  // freeze/resume for CDP's Page.setWebLifecycleState (checked), so the event the browser would fire is dispatched here.
  await page.evaluate(() => document.dispatchEvent(new Event('resume')));
  await expect(page.getByTestId('countdown')).toHaveCount(0);
  await expect.poll(() => notices(page).then((list) => list.length)).toBe(1);
  const [first] = await notices(page);

  // Coming back again (visible, restored) finds nothing due: the notice is not shown a second time.
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  });
  // The sweeps these start are async: give them until the screen is idle, then the notice must be the same one.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 })));
  expect(await notices(page)).toEqual([first]);
});
