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
