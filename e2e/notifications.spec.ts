// Notices at the end of a countdown: offered during the wait with an honest promise, shown when the hour is up.
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { chooseGeneration, expectStep, openHome, reachSafeWait, startCase } from './support/case-flow';

test('when the SAFE hour ends, the screen asks and an allowed notification says to look at the radio', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['notifications'], { origin: baseURL ?? '' });
  await openHome(page);
  // The app was opened with signal once: its worker controls the page before the hour-long wait.
  await waitForServiceWorkerControl(page);
  await startCase(page);
  await chooseGeneration(page);
  await reachSafeWait(page);

  // Asked at the moment it helps, saying when a notice can come and what happens otherwise; no promise for a closed app.
  const offer = page.getByRole('region', { name: 'While you wait' });
  await expect(offer).toContainText('while this app is open, or still running in the background on this phone');
  await expect(offer).toContainText('the case shows the result the next time you open it');
  await expect(offer).not.toContainText('screen is off');
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(offer).toContainText('Notices are on.');

  await page.clock.fastForward('01:00:01');
  await expectStep(page, 'The hour is up');
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return (await registration?.getNotifications())?.map((n) => `${n.title} | ${n.body}`) ?? [];
      }),
    )
    .toEqual(['Car 1: The hour is up | Look at the radio: what does it show now?']);
});

test('Settings turns countdown notices off and on again; a car whose hour ends while they are off gets none', async ({ page, context, baseURL }) => {
  test.slow();
  await context.grantPermissions(['notifications'], { origin: baseURL ?? '' });
  await openHome(page);
  await waitForServiceWorkerControl(page);
  const notices = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return (await registration?.getNotifications())?.map((n) => n.title) ?? [];
    });
  const toSettings = async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    return page.getByRole('switch', { name: 'Notify me when a countdown ends' });
  };

  // Car 1 waits; "Not now" during the wait is not final: Settings still has the switch.
  await startCase(page);
  await chooseGeneration(page);
  await reachSafeWait(page);
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('button', { name: 'Notify me' })).toHaveCount(0);
  const notify = await toSettings();
  await expect(notify).not.toBeChecked();

  // Off while car 1's hour ends: the home list shows it, no notice comes.
  await page.clock.fastForward('01:00:01');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByText('Time is up — check the radio')).toBeVisible();

  // On again, and car 2's hour ends: its notice is the only one (car 1's end was handled before car 2's began).
  const control = await toSettings();
  await control.check();
  await expect(control).toBeChecked();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await startCase(page);
  await chooseGeneration(page);
  await reachSafeWait(page);
  await expect(page.getByRole('region', { name: 'While you wait' })).toContainText('Notices are on.');
  await page.clock.fastForward('01:00:01');
  await expectStep(page, 'The hour is up');
  await expect.poll(notices).toEqual(['Car 2: The hour is up']);
});
