import { test, expect, waitForServiceWorkerControl } from './support/fixtures';

test('when the SAFE hour ends, the screen changes and an allowed notification is shown', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['notifications'], { origin: baseURL ?? '' });
  await page.clock.install({ time: new Date('2026-11-24T09:00:00Z') });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.getByRole('button', { name: 'Start with my car' }).click();
  await page.getByRole('button', { name: /^R55 \/ R56/ }).click();
  await page.getByRole('button', { name: /^SAFE/ }).click();
  await expect(page.getByTestId('countdown')).toContainText('1:00:00');

  // Asked at the moment it helps: during the wait, with the reason on screen.
  await expect(page.getByText('Get a notification when the hour is up')).toBeVisible();
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByText("You'll get a notification when the time is up.")).toBeVisible();

  await page.clock.fastForward('01:00:01');
  await expect(page.getByRole('heading', { level: 1, name: 'Still SAFE after an hour' })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return (await registration?.getNotifications())?.map((n) => `${n.title} | ${n.body}`) ?? [];
      }),
    )
    .toEqual(['Car 1: The hour is up | Still SAFE? Wait another hour, or see a workshop.']);
});
